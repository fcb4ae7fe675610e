package ai.stratum.finance.features.internal;

/**
 * The sliding windows: 1 min, 10 min, 1 h, 24 h and 7 d, each a ring of time buckets. A window read
 * at time t sums the buckets of the last {@code buckets} bucket periods, so it spans between
 * (buckets - 1) and buckets bucket widths; finer buckets would cost memory on every entity.
 */
public final class Windows {

  public static final String[] NAMES = {"1m", "10m", "1h", "24h", "7d"};
  static final long[] BUCKET_MILLIS = {10_000, 120_000, 600_000, 7_200_000, 86_400_000};
  static final int[] BUCKETS = {6, 5, 6, 12, 7};
  static final int[] OFFSETS = {0, 6, 11, 17, 29};
  static final int TOTAL_BUCKETS = 36;
  public static final int COUNT = NAMES.length;

  public static final int ONE_MINUTE = 0;
  public static final int TEN_MINUTES = 1;
  public static final int ONE_HOUR = 2;
  public static final int ONE_DAY = 3;
  public static final int SEVEN_DAYS = 4;

  /** Window lengths in milliseconds, for exact checks against event times. */
  public static final long[] LENGTH_MILLIS = {60_000, 600_000, 3_600_000, 86_400_000, 604_800_000};

  private Windows() {}
}
