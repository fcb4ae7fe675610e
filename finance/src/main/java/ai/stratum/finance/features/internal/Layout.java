package ai.stratum.finance.features.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature vector's layout: every feature's position, name and reason code. Positions are
 * assigned in declaration order, so models trained on one layout read the same positions.
 */
public final class Layout {

  private static final List<String> NAMES = new ArrayList<>();
  private static final List<String> CODES = new ArrayList<>();

  public static final String[] ENTITIES = {"card", "account", "merchant", "device"};
  static final String[] VELOCITY_STATS = {
    "count", "amount_sum", "amount_mean", "amount_max", "amount_ratio"
  };
  static final int CARD = 0;
  static final int ACCOUNT = 1;
  static final int MERCHANT = 2;
  static final int DEVICE = 3;

  /** Velocity block: {@code VELOCITY + (entity * windows + window) * stats + stat}. */
  static final int VELOCITY = NAMES.size();

  static {
    for (int entity = 0; entity < ENTITIES.length; entity++) {
      String upper = ENTITIES[entity].toUpperCase(java.util.Locale.ROOT);
      for (String window : Windows.NAMES) {
        for (String stat : VELOCITY_STATS) {
          String code =
              switch (stat) {
                case "count" -> upper + "_VELOCITY";
                case "amount_ratio" -> "AMOUNT_UNUSUAL_FOR_" + upper;
                default -> upper + "_SPEND_VELOCITY";
              };
          add(ENTITIES[entity] + "_" + stat + "_" + window, code);
        }
      }
    }
  }

  static final String[] DISTINCT = {"merchants", "countries", "devices", "categories"};
  static final String[] DISTINCT_CODES = {
    "CARD_MANY_MERCHANTS", "CARD_MANY_COUNTRIES", "CARD_MANY_DEVICES", "CARD_MANY_CATEGORIES"
  };

  /** Distinct block: {@code DISTINCT_BASE + attribute * windows + window}. */
  static final int DISTINCT_BASE = NAMES.size();

  static {
    for (int attribute = 0; attribute < DISTINCT.length; attribute++) {
      for (String window : Windows.NAMES) {
        add("card_distinct_" + DISTINCT[attribute] + "_" + window, DISTINCT_CODES[attribute]);
      }
    }
  }

  static final int CARD_SMALL_AMOUNTS_10M =
      add("card_small_amount_count_10m", "CARD_TESTING_PATTERN");
  static final int CARD_SMALL_AMOUNTS_1H =
      add("card_small_amount_count_1h", "CARD_TESTING_PATTERN");
  static final int CARD_SAME_MERCHANT_1H = add("card_same_merchant_count_1h", "REPEATED_MERCHANT");
  static final int CARD_SAME_AMOUNT_24H = add("card_same_amount_count_24h", "REPEATED_AMOUNT");

  static final int CHANNEL_SHARE = addAll("card_channel_share_", channelNames(), "CHANNEL_MIX");
  static final int ENTRY_SHARE = addAll("card_entry_mode_share_", entryNames(), "ENTRY_MODE_MIX");
  static final int CARD_PRESENT_SHARE = add("card_present_share", "CHANNEL_MIX");
  static final int CHANNEL_IS = addAll("channel_is_", channelNames(), "CHANNEL");
  static final int ENTRY_IS = addAll("entry_mode_is_", entryNames(), "ENTRY_MODE");
  static final int ENTRY_MISSING = add("entry_mode_missing", "ENTRY_MODE");
  static final int CARD_PRESENT = add("card_present", "CARD_NOT_PRESENT");
  static final int CHANNEL_NEW = add("channel_new_for_card", "NEW_CHANNEL_FOR_CARD");
  static final int ENTRY_NEW = add("entry_mode_new_for_card", "NEW_ENTRY_MODE_FOR_CARD");

  static final int AMOUNT = add("amount", "AMOUNT");
  static final int LOG_AMOUNT = add("log_amount", "AMOUNT");

  /** Amount z-scores against each entity's own history, in {@link #ENTITIES} order. */
  static final int ZSCORE = addAll("amount_zscore_", ENTITIES, "AMOUNT_UNUSUAL_FOR_HISTORY");

  static final int CARD_LOG_MEAN = add("card_log_amount_mean", "CARD_SPEND_PROFILE");
  static final int CARD_LOG_STD = add("card_log_amount_std", "CARD_SPEND_PROFILE");
  static final int MERCHANT_LOG_MEAN = add("merchant_log_amount_mean", "MERCHANT_SPEND_PROFILE");
  static final int ROUND_10 = add("amount_round_10", "ROUND_AMOUNT");
  static final int ROUND_100 = add("amount_round_100", "ROUND_AMOUNT");
  static final int WHOLE = add("amount_whole", "ROUND_AMOUNT");
  static final int BELOW_5 = add("amount_below_5", "CARD_TESTING_PATTERN");
  static final int TO_CARD_MAX = add("amount_to_card_max_ratio", "AMOUNT_ABOVE_CARD_MAXIMUM");

  static final int SINCE_LAST = addAll("log_seconds_since_last_", ENTITIES, "TIME_SINCE_LAST");
  static final int AGE_DAYS = addAll("age_days_", ENTITIES, "NEW_ENTITY");
  static final int LIFETIME = addAll("lifetime_count_", ENTITIES, "NEW_ENTITY");

  static final int HAS_LOCATION = add("has_location", "LOCATION_MISSING");
  static final int DISTANCE_LAST_PRESENT =
      add("distance_from_last_card_present_km", "GEO_VELOCITY");
  static final int GEO_VELOCITY = add("geo_velocity_kmh", "GEO_VELOCITY");
  static final int HOURS_LAST_PRESENT = add("hours_since_last_card_present", "GEO_VELOCITY");
  static final int IMPOSSIBLE_TRAVEL = add("impossible_travel", "IMPOSSIBLE_TRAVEL");
  static final int DISTANCE_HOME = add("distance_from_home_km", "FAR_FROM_HOME");
  static final int COUNTRY_CHANGED = add("country_differs_from_last", "COUNTRY_CHANGE");
  static final int COUNTRY_NEW = add("country_new_for_card", "NEW_COUNTRY_FOR_CARD");
  static final int COUNTRY_NOT_HOME = add("country_differs_from_home", "FOREIGN_COUNTRY");
  static final int PRESENT_FAR_HOME = add("card_present_far_from_home", "FAR_FROM_HOME");

  static final int HOUR_SIN = add("hour_sin", "TIME_OF_DAY");
  static final int HOUR_COS = add("hour_cos", "TIME_OF_DAY");
  static final int WEEKDAY_SIN = add("weekday_sin", "DAY_OF_WEEK");
  static final int WEEKDAY_COS = add("weekday_cos", "DAY_OF_WEEK");
  static final int NIGHT = add("is_night", "TIME_OF_DAY");
  static final int WEEKEND = add("is_weekend", "DAY_OF_WEEK");
  static final int HOUR_AFFINITY = add("card_hour_affinity", "UNUSUAL_HOUR_FOR_CARD");
  static final int WEEKDAY_AFFINITY = add("card_weekday_affinity", "UNUSUAL_DAY_FOR_CARD");
  static final int NIGHT_SHARE = add("card_night_share", "UNUSUAL_HOUR_FOR_CARD");

  static final int CATEGORY_RISK = add("merchant_category_risk", "HIGH_RISK_MERCHANT_CATEGORY");
  static final int COUNTRY_RISK = add("merchant_country_risk", "HIGH_RISK_COUNTRY");
  static final int CATEGORY_MISSING = add("merchant_category_missing", "MISSING_DATA");
  static final int COUNTRY_MISSING = add("merchant_country_missing", "MISSING_DATA");
  static final int MERCHANT_NEW = add("merchant_new_for_card", "NEW_MERCHANT_FOR_CARD");
  static final int CATEGORY_NEW = add("merchant_category_new_for_card", "NEW_MERCHANT_FOR_CARD");
  static final int DEVICE_NEW = add("device_new_for_card", "NEW_DEVICE_FOR_CARD");
  static final int DEVICE_MISSING = add("device_missing", "MISSING_DATA");
  static final int IP_MISSING = add("ip_missing", "MISSING_DATA");
  static final int CUSTOMER_MISSING = add("customer_missing", "MISSING_DATA");
  static final int MERCHANT_CARDS_10M = add("merchant_distinct_cards_10m", "MERCHANT_MANY_CARDS");
  static final int MERCHANT_CARDS_1H = add("merchant_distinct_cards_1h", "MERCHANT_MANY_CARDS");
  static final int MERCHANT_SMALL_SHARE_1H =
      add("merchant_small_amount_share_1h", "CARD_TESTING_PATTERN");
  static final int DEVICE_CARDS_24H = add("device_distinct_cards_24h", "DEVICE_MANY_CARDS");
  static final int DEVICE_CARDS_7D = add("device_distinct_cards_7d", "DEVICE_MANY_CARDS");

  static final int CARD_COUNT_ACCEL = add("card_count_accel_1h_vs_7d", "SPENDING_ACCELERATION");
  static final int CARD_AMOUNT_ACCEL = add("card_amount_accel_24h_vs_7d", "SPENDING_ACCELERATION");
  static final int ACCOUNT_AMOUNT_ACCEL =
      add("account_amount_accel_24h_vs_7d", "SPENDING_ACCELERATION");
  static final int ACCOUNT_COUNT_ACCEL =
      add("account_count_accel_24h_vs_7d", "SPENDING_ACCELERATION");
  static final int MERCHANT_COUNT_ACCEL =
      add("merchant_count_accel_1h_vs_24h", "MERCHANT_VELOCITY");

  public static final int SIZE = NAMES.size();

  private Layout() {}

  public static List<String> names() {
    return List.copyOf(NAMES);
  }

  public static List<String> reasonCodes() {
    return List.copyOf(CODES);
  }

  static int velocity(int entity, int window, int stat) {
    return VELOCITY + (entity * Windows.COUNT + window) * VELOCITY_STATS.length + stat;
  }

  private static int add(String name, String code) {
    if (NAMES.contains(name)) {
      throw new IllegalStateException("duplicate feature " + name);
    }
    NAMES.add(name);
    CODES.add(code);
    return NAMES.size() - 1;
  }

  private static int addAll(String prefix, String[] suffixes, String code) {
    int first = NAMES.size();
    for (String suffix : suffixes) {
      add(prefix + suffix.toLowerCase(java.util.Locale.ROOT), code);
    }
    return first;
  }

  private static String[] channelNames() {
    return java.util.Arrays.stream(ai.stratum.finance.contract.Channel.values())
        .map(Enum::name)
        .toArray(String[]::new);
  }

  private static String[] entryNames() {
    return java.util.Arrays.stream(ai.stratum.finance.contract.EntryMode.values())
        .map(Enum::name)
        .toArray(String[]::new);
  }
}
