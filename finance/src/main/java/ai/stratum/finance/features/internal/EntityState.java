package ai.stratum.finance.features.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per-entity state of one kind (card, account, merchant or device) in flat primitive arrays:
 * windowed count/sum/max of amounts, lifetime count, first and last event time, and a running mean
 * and variance of log-amounts that forgets slowly (weight capped at {@value #PROFILE_MEMORY}
 * events) so profiles follow changing habits.
 */
public final class EntityState {

  static final float PROFILE_MEMORY = 500f;
  private static final int B = Windows.TOTAL_BUCKETS;

  final EntityTable table;
  private final int[] epochs;
  private final float[] counts;
  private final float[] sums;
  private final float[] maxima;
  private final long[] firstSeen;
  private final long[] lastEvent;
  private final float[] lifetime;
  private final float[] logMean;
  private final float[] logVar;

  public EntityState(int capacity) {
    this(new EntityTable(capacity));
  }

  private EntityState(EntityTable table) {
    this.table = table;
    int slots = table.slots();
    epochs = new int[slots * B];
    counts = new float[slots * B];
    sums = new float[slots * B];
    maxima = new float[slots * B];
    firstSeen = new long[slots];
    lastEvent = new long[slots];
    lifetime = new float[slots];
    logMean = new float[slots];
    logVar = new float[slots];
  }

  /**
   * Overwrites this state with {@code source}, which has the same capacities: a memory copy into
   * arrays that already exist, for snapshots.
   */
  void copyFrom(EntityState source) {
    table.copyFrom(source.table);
    System.arraycopy(source.epochs, 0, epochs, 0, epochs.length);
    System.arraycopy(source.counts, 0, counts, 0, counts.length);
    System.arraycopy(source.sums, 0, sums, 0, sums.length);
    System.arraycopy(source.maxima, 0, maxima, 0, maxima.length);
    System.arraycopy(source.firstSeen, 0, firstSeen, 0, firstSeen.length);
    System.arraycopy(source.lastEvent, 0, lastEvent, 0, lastEvent.length);
    System.arraycopy(source.lifetime, 0, lifetime, 0, lifetime.length);
    System.arraycopy(source.logMean, 0, logMean, 0, logMean.length);
    System.arraycopy(source.logVar, 0, logVar, 0, logVar.length);
  }

  /** The entity's slot, with its state emptied when the entity is new to the table. */
  public int slot(long key, long time) {
    int slot = table.claim(key, time);
    if (table.lastClaimWasNew()) {
      Arrays.fill(epochs, slot * B, slot * B + B, 0);
      firstSeen[slot] = time;
      lastEvent[slot] = Long.MIN_VALUE;
      lifetime[slot] = 0;
      logMean[slot] = 0;
      logVar[slot] = 0;
    }
    return slot;
  }

  public void observe(int slot, long time, float amount) {
    int base = slot * B;
    for (int w = 0; w < Windows.COUNT; w++) {
      long epoch = time / Windows.BUCKET_MILLIS[w];
      int index = base + Windows.OFFSETS[w] + (int) (epoch % Windows.BUCKETS[w]);
      int stored = epochs[index];
      if (stored == epoch) {
        counts[index] += 1;
        sums[index] += amount;
        maxima[index] = Math.max(maxima[index], amount);
      } else if (stored < epoch) {
        epochs[index] = (int) epoch;
        counts[index] = 1;
        sums[index] = amount;
        maxima[index] = amount;
      }
    }
    lastEvent[slot] = Math.max(lastEvent[slot], time);
    lifetime[slot] += 1;
    // exponentially weighted mean and variance; exact (population) statistics up to the memory
    float alpha = 1f / Math.min(lifetime[slot], PROFILE_MEMORY);
    float delta = (float) Math.log1p(amount) - logMean[slot];
    logMean[slot] += alpha * delta;
    logVar[slot] = (1 - alpha) * (logVar[slot] + alpha * delta * delta);
  }

  /** Writes count, sum and max of window {@code w} as seen at {@code time} into out[0..2]. */
  public void window(int slot, long time, int w, float[] out) {
    long now = time / Windows.BUCKET_MILLIS[w];
    int buckets = Windows.BUCKETS[w];
    int start = slot * B + Windows.OFFSETS[w];
    float count = 0;
    float sum = 0;
    float max = 0;
    for (int b = 0; b < buckets; b++) {
      int epoch = epochs[start + b];
      if (epoch > now - buckets && epoch <= now) {
        count += counts[start + b];
        sum += sums[start + b];
        max = Math.max(max, maxima[start + b]);
      }
    }
    out[0] = count;
    out[1] = sum;
    out[2] = max;
  }

  public long firstSeen(int slot) {
    return firstSeen[slot];
  }

  /** The latest event time seen, or {@link Long#MIN_VALUE} before the first. */
  public long lastEvent(int slot) {
    return lastEvent[slot];
  }

  public float lifetimeCount(int slot) {
    return lifetime[slot];
  }

  public float logAmountMean(int slot) {
    return logMean[slot];
  }

  /** Standard deviation of log-amounts; 0 before two events. */
  public float logAmountStd(int slot) {
    return (float) Math.sqrt(logVar[slot]);
  }

  void write(DataOutputStream out) throws IOException {
    table.write(out);
    StateIo.write(out, epochs);
    StateIo.write(out, counts);
    StateIo.write(out, sums);
    StateIo.write(out, maxima);
    StateIo.write(out, firstSeen);
    StateIo.write(out, lastEvent);
    StateIo.write(out, lifetime);
    StateIo.write(out, logMean);
    StateIo.write(out, logVar);
  }

  void read(DataInputStream in) throws IOException {
    table.read(in);
    StateIo.read(in, epochs);
    StateIo.read(in, counts);
    StateIo.read(in, sums);
    StateIo.read(in, maxima);
    StateIo.read(in, firstSeen);
    StateIo.read(in, lastEvent);
    StateIo.read(in, lifetime);
    StateIo.read(in, logMean);
    StateIo.read(in, logVar);
  }
}
