package ai.stratum.finance.features.internal;

import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.features.FeatureSettings;
import ai.stratum.finance.features.RiskTables;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * All feature state and the feature computation. Features of an event are computed against the
 * state before the event (so a model never sees the event in its own history), then the event is
 * folded in. Not thread-safe: one thread at a time.
 */
public final class FeatureState {

  private static final int FORMAT = 1;
  private static final int MERCHANT_DEPTH = 32;
  private static final int DEVICE_DEPTH = 8;
  private static final float SMALL_AMOUNT = 5f;
  private static final double IMPOSSIBLE_KMH = 900;
  private static final double FAR_KM = 500;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;

  private final EntityState[] entities;
  private final CardHistory cards;
  private final RecentCards merchantCards;
  private final RecentCards deviceCards;
  private final float[] window = new float[3];
  private final int[] slots = new int[Layout.ENTITIES.length];
  private final long[] keys = new long[Layout.ENTITIES.length];
  // per distinct attribute, the values of the card's events read so far (newest first): the
  // scratch of cardHistory, so no event is compared with every newer one through the ring
  private final int[][] seenValues = new int[Layout.DISTINCT.length][CardHistory.EVENTS];
  private final int[] seenCounts = new int[Layout.DISTINCT.length];
  private final int[] countries = new int[CardHistory.EVENTS];
  private RiskTables risk;
  private String lastTenant = "";
  private long tenantSeed;

  public FeatureState(FeatureSettings settings, RiskTables risk) {
    this.risk = risk;
    entities =
        new EntityState[] {
          new EntityState(settings.cards()),
          new EntityState(settings.accounts()),
          new EntityState(settings.merchants()),
          new EntityState(settings.devices())
        };
    cards = new CardHistory(entities[Layout.CARD].table.slots());
    merchantCards = new RecentCards(entities[Layout.MERCHANT].table.slots(), MERCHANT_DEPTH);
    deviceCards = new RecentCards(entities[Layout.DEVICE].table.slots(), DEVICE_DEPTH);
  }

  /**
   * Overwrites this state with {@code source}, built with the same settings: a memory copy into
   * arrays that already exist, much faster than {@link #write}, so the owner's thread pauses only
   * for the copy and the copy is serialised elsewhere.
   */
  public void copyFrom(FeatureState source) {
    for (int e = 0; e < entities.length; e++) {
      entities[e].copyFrom(source.entities[e]);
    }
    cards.copyFrom(source.cards);
    merchantCards.copyFrom(source.merchantCards);
    deviceCards.copyFrom(source.deviceCards);
  }

  public void useRiskTables(RiskTables tables) {
    this.risk = tables;
  }

  /** Computes the event's features into {@code out[offset .. offset + SIZE)} and folds it in. */
  public void computeAndObserve(Transaction tx, float[] out, int offset) {
    long time = tx.timestamp().toEpochMilli();
    locate(tx, time);
    compute(tx, time, out, offset);
    fold(tx, time);
  }

  /** Folds the event into the state without computing features (replay after a restart). */
  public void observe(Transaction tx) {
    long time = tx.timestamp().toEpochMilli();
    locate(tx, time);
    fold(tx, time);
  }

  private void locate(Transaction tx, long time) {
    String tenant = tx.tenantId().value();
    if (!tenant.equals(lastTenant)) {
      lastTenant = tenant;
      tenantSeed = Hashing.of(tenant);
    }
    keys[Layout.CARD] = Hashing.of(tenantSeed ^ 1, tx.cardId());
    keys[Layout.ACCOUNT] = Hashing.of(tenantSeed ^ 2, tx.accountId());
    keys[Layout.MERCHANT] = Hashing.of(tenantSeed ^ 3, tx.merchantId());
    String device = tx.deviceId();
    keys[Layout.DEVICE] =
        device == null || device.isEmpty() ? 0 : Hashing.of(tenantSeed ^ 4, device);
    for (int e = 0; e < slots.length; e++) {
      if (keys[e] == 0) {
        slots[e] = -1;
        continue;
      }
      EntityState entity = entities[e];
      slots[e] = entity.slot(keys[e], time);
      if (entity.table.lastClaimWasNew()) {
        switch (e) {
          case Layout.CARD -> cards.reset(slots[e]);
          case Layout.MERCHANT -> merchantCards.reset(slots[e]);
          case Layout.DEVICE -> deviceCards.reset(slots[e]);
          default -> {}
        }
      }
    }
  }

  private void compute(Transaction tx, long time, float[] out, int o) {
    java.util.Arrays.fill(out, o, o + Layout.SIZE, 0f);
    float amount = (float) tx.amount();
    float logAmount = (float) Math.log1p(amount);
    int card = slots[Layout.CARD];

    velocity(time, amount, out, o);
    cardHistory(tx, time, amount, card, out, o);

    out[o + Layout.AMOUNT] = amount;
    out[o + Layout.LOG_AMOUNT] = logAmount;
    for (int e = 0; e < slots.length; e++) {
      int slot = slots[e];
      if (slot < 0) {
        out[o + Layout.SINCE_LAST + e] = -1;
        continue;
      }
      EntityState entity = entities[e];
      if (entity.lifetimeCount(slot) >= 2) {
        out[o + Layout.ZSCORE + e] =
            (logAmount - entity.logAmountMean(slot)) / Math.max(entity.logAmountStd(slot), 0.1f);
      }
      long last = entity.lastEvent(slot);
      out[o + Layout.SINCE_LAST + e] =
          last == Long.MIN_VALUE ? -1 : (float) Math.log1p(Math.max(0, time - last) / 1000.0);
      out[o + Layout.AGE_DAYS + e] =
          (float) (Math.max(0, time - entity.firstSeen(slot)) / (double) DAY);
      out[o + Layout.LIFETIME + e] = entity.lifetimeCount(slot);
    }
    EntityState cardState = entities[Layout.CARD];
    out[o + Layout.CARD_LOG_MEAN] = cardState.logAmountMean(card);
    out[o + Layout.CARD_LOG_STD] = cardState.logAmountStd(card);
    out[o + Layout.MERCHANT_LOG_MEAN] =
        entities[Layout.MERCHANT].logAmountMean(slots[Layout.MERCHANT]);
    double cents = Math.rint(amount * 100);
    out[o + Layout.ROUND_10] = cents % 1000 == 0 ? 1 : 0;
    out[o + Layout.ROUND_100] = cents % 10000 == 0 ? 1 : 0;
    out[o + Layout.WHOLE] = cents % 100 == 0 ? 1 : 0;
    out[o + Layout.BELOW_5] = amount < SMALL_AMOUNT ? 1 : 0;
    float max = cards.maxAmount[card];
    out[o + Layout.TO_CARD_MAX] = max > 0 ? amount / max : 0;

    geo(tx, time, card, out, o);
    timeOfDay(time, card, out, o);

    String category = tx.merchantCategoryCode();
    String country = tx.merchantCountry();
    out[o + Layout.CATEGORY_RISK] =
        category == null ? risk.fallback() : risk.merchantCategory(category);
    out[o + Layout.COUNTRY_RISK] = country == null ? risk.fallback() : risk.country(country);
    out[o + Layout.CATEGORY_MISSING] = category == null ? 1 : 0;
    out[o + Layout.COUNTRY_MISSING] = country == null ? 1 : 0;
    out[o + Layout.DEVICE_MISSING] = slots[Layout.DEVICE] < 0 ? 1 : 0;
    out[o + Layout.IP_MISSING] = tx.ipAddress() == null ? 1 : 0;
    out[o + Layout.CUSTOMER_MISSING] = tx.customerId() == null ? 1 : 0;
    int merchant = slots[Layout.MERCHANT];
    out[o + Layout.MERCHANT_CARDS_10M] =
        merchantCards.distinctCards(merchant, time, Windows.LENGTH_MILLIS[Windows.TEN_MINUTES]);
    out[o + Layout.MERCHANT_CARDS_1H] = merchantCards.distinctCards(merchant, time, HOUR);
    out[o + Layout.MERCHANT_SMALL_SHARE_1H] =
        merchantCards.shareBelow(merchant, time, HOUR, SMALL_AMOUNT);
    int device = slots[Layout.DEVICE];
    if (device >= 0) {
      out[o + Layout.DEVICE_CARDS_24H] = deviceCards.distinctCards(device, time, DAY);
      out[o + Layout.DEVICE_CARDS_7D] = deviceCards.distinctCards(device, time, 7 * DAY);
    }

    out[o + Layout.CARD_COUNT_ACCEL] = accel(out, o, Layout.CARD, 0, Windows.ONE_HOUR, 168);
    out[o + Layout.CARD_AMOUNT_ACCEL] = accel(out, o, Layout.CARD, 1, Windows.ONE_DAY, 7);
    out[o + Layout.ACCOUNT_AMOUNT_ACCEL] = accel(out, o, Layout.ACCOUNT, 1, Windows.ONE_DAY, 7);
    out[o + Layout.ACCOUNT_COUNT_ACCEL] = accel(out, o, Layout.ACCOUNT, 0, Windows.ONE_DAY, 7);
    out[o + Layout.MERCHANT_COUNT_ACCEL] =
        out[o + Layout.velocity(Layout.MERCHANT, Windows.ONE_HOUR, 0)]
            * 24
            / (out[o + Layout.velocity(Layout.MERCHANT, Windows.ONE_DAY, 0)] + 1);
  }

  /** Short-window rate relative to the 7-day rate, scaled so a steady rate gives about 1. */
  private static float accel(float[] out, int o, int entity, int stat, int window, float scale) {
    return out[o + Layout.velocity(entity, window, stat)]
        * scale
        / (out[o + Layout.velocity(entity, Windows.SEVEN_DAYS, stat)] + 1);
  }

  private void velocity(long time, float amount, float[] out, int o) {
    for (int e = 0; e < slots.length; e++) {
      int slot = slots[e];
      if (slot < 0) {
        continue;
      }
      for (int w = 0; w < Windows.COUNT; w++) {
        entities[e].window(slot, time, w, window);
        float count = window[0];
        float mean = count > 0 ? window[1] / count : 0;
        int base = o + Layout.velocity(e, w, 0);
        out[base] = count;
        out[base + 1] = window[1];
        out[base + 2] = mean;
        out[base + 3] = window[2];
        out[base + 4] = mean > 0 ? amount / mean : 0;
      }
    }
  }

  private void cardHistory(Transaction tx, long time, float amount, int card, float[] out, int o) {
    int size = cards.size[card];
    int merchantPrint = Hashing.fingerprint(keys[Layout.MERCHANT]);
    int countryCode = countryCode(tx.merchantCountry());
    int devicePrint =
        keys[Layout.DEVICE] == 0 ? CardHistory.NONE : Hashing.fingerprint(keys[Layout.DEVICE]);
    short category = categoryCode(tx.merchantCategoryCode());
    int channel = tx.channel().ordinal();
    EntryMode entryMode = tx.entryMode();
    int entry = entryMode == null ? -1 : entryMode.ordinal();

    boolean channelSeen = false;
    boolean entrySeen = false;
    boolean merchantSeen = false;
    boolean categorySeen = false;
    boolean deviceSeen = false;
    boolean countrySeen = false;
    int presentCount = 0;
    Arrays.fill(seenCounts, 0);
    for (int i = 0; i < size; i++) {
      int index = cards.recent(card, i);
      countries[i] = cards.country[index];
      long age = time - cards.time[index];
      float pastAmount = cards.amount[index];
      out[o + Layout.CHANNEL_SHARE + cards.channel[index]] += 1f / size;
      if (cards.entryMode[index] >= 0) {
        out[o + Layout.ENTRY_SHARE + cards.entryMode[index]] += 1f / size;
      }
      presentCount += cards.cardPresent[index];
      channelSeen |= cards.channel[index] == channel;
      entrySeen |= entry >= 0 && cards.entryMode[index] == entry;
      merchantSeen |= cards.merchant[index] == merchantPrint;
      categorySeen |= category >= 0 && cards.category[index] == category;
      deviceSeen |= devicePrint != CardHistory.NONE && cards.device[index] == devicePrint;
      countrySeen |= countryCode != CardHistory.NONE && cards.country[index] == countryCode;
      if (pastAmount < SMALL_AMOUNT) {
        if (age < Windows.LENGTH_MILLIS[Windows.TEN_MINUTES]) {
          out[o + Layout.CARD_SMALL_AMOUNTS_10M] += 1;
        }
        if (age < HOUR) {
          out[o + Layout.CARD_SMALL_AMOUNTS_1H] += 1;
        }
      }
      if (age < HOUR && cards.merchant[index] == merchantPrint) {
        out[o + Layout.CARD_SAME_MERCHANT_1H] += 1;
      }
      if (age < DAY && Math.abs(pastAmount - amount) < 0.005f) {
        out[o + Layout.CARD_SAME_AMOUNT_24H] += 1;
      }
      distinct(index, age, out, o);
    }
    out[o + Layout.CARD_PRESENT_SHARE] = size == 0 ? 0 : (float) presentCount / size;
    out[o + Layout.CHANNEL_IS + channel] = 1;
    if (entry >= 0) {
      out[o + Layout.ENTRY_IS + entry] = 1;
    } else {
      out[o + Layout.ENTRY_MISSING] = 1;
    }
    out[o + Layout.CARD_PRESENT] = tx.isCardPresent() ? 1 : 0;
    boolean known = size > 0;
    out[o + Layout.CHANNEL_NEW] = known && !channelSeen ? 1 : 0;
    out[o + Layout.ENTRY_NEW] = known && entry >= 0 && !entrySeen ? 1 : 0;
    out[o + Layout.MERCHANT_NEW] = known && !merchantSeen ? 1 : 0;
    out[o + Layout.CATEGORY_NEW] = known && category >= 0 && !categorySeen ? 1 : 0;
    out[o + Layout.DEVICE_NEW] = known && devicePrint != CardHistory.NONE && !deviceSeen ? 1 : 0;
    out[o + Layout.COUNTRY_NEW] = known && countryCode != CardHistory.NONE && !countrySeen ? 1 : 0;
    if (known && countryCode != CardHistory.NONE) {
      int lastCountry = cards.country[cards.recent(card, 0)];
      out[o + Layout.COUNTRY_CHANGED] =
          lastCountry != CardHistory.NONE && lastCountry != countryCode ? 1 : 0;
      int home = mostFrequentCountry(size);
      out[o + Layout.COUNTRY_NOT_HOME] = home != CardHistory.NONE && home != countryCode ? 1 : 0;
    }
  }

  /**
   * Counts an event's merchant, country, device and category as distinct in every window containing
   * it, unless a newer event of the card had the same value. Called for the card's events newest
   * first.
   */
  private void distinct(int index, long age, float[] out, int o) {
    for (int attribute = 0; attribute < Layout.DISTINCT.length; attribute++) {
      int value = attributeAt(attribute, index);
      if (value == CardHistory.NONE || (attribute == 3 && value < 0) || seen(attribute, value)) {
        continue;
      }
      seenValues[attribute][seenCounts[attribute]++] = value;
      int base = o + Layout.DISTINCT_BASE + attribute * Windows.COUNT;
      for (int w = 0; w < Windows.COUNT; w++) {
        if (age < Windows.LENGTH_MILLIS[w]) {
          out[base + w] += 1;
        }
      }
    }
  }

  private int attributeAt(int attribute, int index) {
    return switch (attribute) {
      case 0 -> cards.merchant[index];
      case 1 -> cards.country[index];
      case 2 -> cards.device[index];
      default -> cards.category[index];
    };
  }

  private boolean seen(int attribute, int value) {
    int[] values = seenValues[attribute];
    for (int k = seenCounts[attribute] - 1; k >= 0; k--) {
      if (values[k] == value) {
        return true;
      }
    }
    return false;
  }

  /** The country of most of the card's events (newest first: the newest wins a tie). */
  private int mostFrequentCountry(int size) {
    int best = CardHistory.NONE;
    int bestCount = 0;
    for (int i = 0; i < size; i++) {
      int country = countries[i];
      if (country == CardHistory.NONE) {
        continue;
      }
      int count = 0;
      for (int j = 0; j < size; j++) {
        if (countries[j] == country) {
          count++;
        }
      }
      if (count > bestCount) {
        best = country;
        bestCount = count;
      }
    }
    return best;
  }

  private void geo(Transaction tx, long time, int card, float[] out, int o) {
    if (!tx.hasLocation()) {
      return;
    }
    out[o + Layout.HAS_LOCATION] = 1;
    double latitude = tx.latitude();
    double longitude = tx.longitude();
    boolean present = tx.isCardPresent();
    long lastPresent = cards.lastPresentTime[card];
    if (lastPresent != Long.MIN_VALUE) {
      double km =
          haversineKm(
              cards.lastPresentLatitude[card],
              cards.lastPresentLongitude[card],
              latitude,
              longitude);
      double hours = Math.max(0, time - lastPresent) / (double) HOUR;
      out[o + Layout.DISTANCE_LAST_PRESENT] = (float) km;
      out[o + Layout.HOURS_LAST_PRESENT] = (float) hours;
      if (present) {
        // a floor of one minute keeps two swipes a few metres apart from reading as supersonic
        double kmh = km / Math.max(hours, 1.0 / 60);
        out[o + Layout.GEO_VELOCITY] = (float) kmh;
        out[o + Layout.IMPOSSIBLE_TRAVEL] = kmh > IMPOSSIBLE_KMH && km > 100 ? 1 : 0;
      }
    } else {
      out[o + Layout.HOURS_LAST_PRESENT] = -1;
    }
    if (cards.homeWeight[card] > 0) {
      double km =
          haversineKm(cards.homeLatitude[card], cards.homeLongitude[card], latitude, longitude);
      out[o + Layout.DISTANCE_HOME] = (float) km;
      out[o + Layout.PRESENT_FAR_HOME] = present && km > FAR_KM ? 1 : 0;
    }
  }

  private void timeOfDay(long time, int card, float[] out, int o) {
    int hour = (int) ((time / HOUR) % 24);
    int weekday = (int) ((time / DAY + 3) % 7);
    double hourAngle = 2 * Math.PI * hour / 24;
    double dayAngle = 2 * Math.PI * weekday / 7;
    out[o + Layout.HOUR_SIN] = (float) Math.sin(hourAngle);
    out[o + Layout.HOUR_COS] = (float) Math.cos(hourAngle);
    out[o + Layout.WEEKDAY_SIN] = (float) Math.sin(dayAngle);
    out[o + Layout.WEEKDAY_COS] = (float) Math.cos(dayAngle);
    out[o + Layout.NIGHT] = hour < 6 ? 1 : 0;
    out[o + Layout.WEEKEND] = weekday >= 5 ? 1 : 0;
    float total = entities[Layout.CARD].lifetimeCount(card);
    int h = card * 24;
    float near =
        cards.hours[h + hour]
            + cards.hours[h + (hour + 23) % 24]
            + cards.hours[h + (hour + 1) % 24];
    float night = 0;
    for (int i = 0; i < 6; i++) {
      night += cards.hours[h + i];
    }
    out[o + Layout.HOUR_AFFINITY] = near / (total + 1);
    out[o + Layout.WEEKDAY_AFFINITY] = cards.weekdays[card * 7 + weekday] / (total + 1);
    out[o + Layout.NIGHT_SHARE] = night / (total + 1);
  }

  private void fold(Transaction tx, long time) {
    float amount = (float) tx.amount();
    for (int e = 0; e < slots.length; e++) {
      if (slots[e] >= 0) {
        entities[e].observe(slots[e], time, amount);
      }
    }
    int card = slots[Layout.CARD];
    int cardPrint = Hashing.fingerprint(keys[Layout.CARD]);
    EntryMode entryMode = tx.entryMode();
    boolean present = tx.isCardPresent();
    cards.append(
        card,
        time,
        Hashing.fingerprint(keys[Layout.MERCHANT]),
        countryCode(tx.merchantCountry()),
        keys[Layout.DEVICE] == 0 ? CardHistory.NONE : Hashing.fingerprint(keys[Layout.DEVICE]),
        categoryCode(tx.merchantCategoryCode()),
        (byte) tx.channel().ordinal(),
        (byte) (entryMode == null ? -1 : entryMode.ordinal()),
        amount,
        present);
    cards.maxAmount[card] = Math.max(cards.maxAmount[card], amount);
    cards.hours[card * 24 + (int) ((time / HOUR) % 24)] += 1;
    cards.weekdays[card * 7 + (int) ((time / DAY + 3) % 7)] += 1;
    if (tx.hasLocation() && present) {
      float latitude = tx.latitude().floatValue();
      float longitude = tx.longitude().floatValue();
      cards.lastPresentLatitude[card] = latitude;
      cards.lastPresentLongitude[card] = longitude;
      cards.lastPresentTime[card] = time;
      float weight = Math.min(cards.homeWeight[card] + 1, 50);
      cards.homeLatitude[card] += (latitude - cards.homeLatitude[card]) / weight;
      cards.homeLongitude[card] += (longitude - cards.homeLongitude[card]) / weight;
      cards.homeWeight[card] = weight;
    }
    merchantCards.append(slots[Layout.MERCHANT], cardPrint, time, amount);
    if (slots[Layout.DEVICE] >= 0) {
      deviceCards.append(slots[Layout.DEVICE], cardPrint, time, amount);
    }
  }

  private static int countryCode(String country) {
    return country == null || country.length() != 2
        ? CardHistory.NONE
        : (country.charAt(0) << 8) | country.charAt(1);
  }

  private static short categoryCode(String category) {
    if (category == null || category.length() != 4) {
      return -1;
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      code = code * 10 + (category.charAt(i) - '0');
    }
    return (short) code;
  }

  static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(Layout.SIZE);
    for (EntityState entity : entities) {
      entity.write(out);
    }
    cards.write(out);
    merchantCards.write(out);
    deviceCards.write(out);
  }

  public void read(DataInputStream in) throws IOException {
    int format = in.readInt();
    int size = in.readInt();
    if (format != FORMAT || size != Layout.SIZE) {
      throw new IOException(
          "snapshot format "
              + format
              + " with "
              + size
              + " features; this build reads format "
              + FORMAT
              + " with "
              + Layout.SIZE);
    }
    for (EntityState entity : entities) {
      entity.read(in);
    }
    cards.read(in);
    merchantCards.read(in);
    deviceCards.read(in);
  }
}
