package ai.stratum.finance.simulator.internal;

import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.simulator.FraudPattern;
import ai.stratum.finance.simulator.SimulatedTransaction;
import ai.stratum.finance.simulator.SimulatorSettings;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Generates the stream in event-time order: legitimate activity as a Poisson process over cards
 * weighted by activity and modulated by each card's daily rhythm, plus fraud episodes that schedule
 * their events ahead in a queue. Some legitimate customers travel, buy big or change devices, so no
 * single signal separates fraud.
 */
public final class StreamGenerator {

  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final FraudPattern[] PATTERNS = FraudPattern.values();

  private final SimulatorSettings settings;
  private final SplittableRandom random;
  private final World world;
  private final PriorityQueue<SimulatedTransaction> scheduled =
      new PriorityQueue<>(
          (a, b) -> a.transaction().timestamp().compareTo(b.transaction().timestamp()));
  private final double meanGapMillis;
  private final String run;
  private long clock;
  private long sequence;

  public StreamGenerator(SimulatorSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.world = new World(settings, random.split());
    this.meanGapMillis = 86_400_000.0 / (settings.cards() * settings.transactionsPerCardPerDay());
    this.run = Long.toString(settings.seed(), 36);
    this.clock = settings.start().toEpochMilli();
  }

  public SimulatedTransaction next() {
    while (true) {
      long candidate = clock + (long) Math.ceil(-Math.log(1 - random.nextDouble()) * meanGapMillis);
      SimulatedTransaction fraud = scheduled.peek();
      if (fraud != null && fraud.transaction().timestamp().toEpochMilli() <= candidate) {
        clock = Math.max(clock, fraud.transaction().timestamp().toEpochMilli());
        return scheduled.poll();
      }
      clock = candidate;
      int card = world.pickCard(random);
      if (!activeAt(card, clock)) {
        continue;
      }
      if (random.nextDouble() * 1_000_000 < settings.fraudEpisodesPerMillion()) {
        startEpisode(card);
      }
      return new SimulatedTransaction(legitimate(card), null);
    }
  }

  /**
   * Thins the Poisson process by the card's daily rhythm: busy around its peak hour, rare at night.
   */
  private boolean activeAt(int card, long time) {
    int hour = (int) ((time / HOUR) % 24);
    int distance = Math.abs(hour - world.peakHour[card]);
    distance = Math.min(distance, 24 - distance);
    double weight = hour < 6 ? 0.08 : Math.exp(-distance * distance / 32.0);
    return random.nextDouble() < Math.max(weight, 0.05);
  }

  private Transaction legitimate(int card) {
    boolean online = random.nextDouble() < world.onlineShare[card];
    int merchant;
    double latitude;
    double longitude;
    if (online) {
      merchant = world.onlineMerchants[random.nextInt(world.onlineMerchants.length)];
    } else {
      int[] favourites = world.favourites[card];
      if (favourites.length == 0) {
        merchant = world.onlineMerchants[random.nextInt(world.onlineMerchants.length)];
        online = true;
      } else if (random.nextDouble() < 0.85) {
        merchant = favourites[random.nextInt(favourites.length)];
      } else {
        int[] stores = world.storesByCity[world.homeCity[card]];
        merchant = stores[random.nextInt(stores.length)];
      }
    }
    boolean traveller = !online && random.nextDouble() < 0.004;
    if (traveller) {
      // a legitimate trip: the card is used at a store in another city, at a plausible distance in
      // time
      int city = random.nextInt(World.CITIES.length);
      int[] stores = world.storesByCity[city];
      if (stores.length > 0) {
        merchant = stores[random.nextInt(stores.length)];
      }
    }
    double amount =
        Math.exp(world.amountMu[card] + random.nextGaussian() * world.amountSigma[card])
            * world.merchantScale[merchant];
    if (random.nextDouble() < 0.01) {
      amount *= 5 + random.nextDouble() * 10;
    }
    Channel channel;
    EntryMode entry;
    boolean atm = !online && random.nextDouble() < 0.05;
    if (online) {
      double r = random.nextDouble();
      channel = r < 0.05 ? Channel.TRANSFER : r < 0.08 ? Channel.MOTO : Channel.ECOM;
      entry = random.nextDouble() < 0.7 ? EntryMode.TOKEN : EntryMode.MANUAL;
      if (random.nextDouble() < 0.03) {
        // app stores, top-ups and verification charges look like card testing but are not
        amount = 0.5 + random.nextDouble() * 2;
      } else if (random.nextDouble() < 0.05) {
        amount = 50 * Math.max(1, Math.round(amount / 50));
      }
    } else if (atm) {
      channel = Channel.ATM;
      entry = EntryMode.CHIP;
      amount = 20 * Math.max(1, Math.round(amount / 20));
    } else {
      channel = Channel.POS;
      double r = random.nextDouble();
      entry = r < 0.55 ? EntryMode.CONTACTLESS : r < 0.95 ? EntryMode.CHIP : EntryMode.SWIPE;
    }
    String device =
        online
            ? (random.nextDouble() < 0.03 ? "d-new-" + run + "-" + sequence : world.device[card])
            : null;
    boolean roaming = online && random.nextDouble() < 0.05;
    latitude =
        online
            ? world.homeLatitude[card] + (roaming ? random.nextGaussian() * 5 : 0)
            : world.merchantLatitude[merchant];
    longitude =
        online
            ? world.homeLongitude[card] + (roaming ? random.nextGaussian() * 5 : 0)
            : world.merchantLongitude[merchant];
    if (!online && random.nextDouble() < 0.08) {
      scheduleShoppingTrip(card, merchant);
    }
    return transaction(
        card,
        merchant,
        amount,
        clock,
        channel,
        entry,
        device,
        online ? world.ip[card] : null,
        latitude,
        longitude,
        !online);
  }

  /** A legitimate burst: a few more purchases at stores of the same city within two hours. */
  private void scheduleShoppingTrip(int card, int merchant) {
    int[] stores = world.storesByCity[world.merchantCity[merchant]];
    long t = clock;
    int purchases = 1 + random.nextInt(5);
    for (int i = 0; i < purchases && stores.length > 0; i++) {
      t += 5 * MINUTE + random.nextInt((int) (30 * MINUTE));
      int store = stores[random.nextInt(stores.length)];
      double amount =
          Math.exp(world.amountMu[card] + random.nextGaussian() * world.amountSigma[card])
              * world.merchantScale[store];
      scheduled.add(
          new SimulatedTransaction(
              transaction(
                  card,
                  store,
                  amount,
                  t,
                  Channel.POS,
                  EntryMode.CONTACTLESS,
                  null,
                  null,
                  world.merchantLatitude[store],
                  world.merchantLongitude[store],
                  true),
              null));
    }
  }

  private void startEpisode(int card) {
    FraudPattern pattern = PATTERNS[random.nextInt(PATTERNS.length)];
    long t = clock;
    switch (pattern) {
      case CARD_TESTING -> {
        String device = "d-fraud-" + run + "-" + sequence;
        String ip = "185." + random.nextInt(256) + "." + random.nextInt(256) + ".7";
        int tests = 5 + random.nextInt(11);
        int[] merchants = {pickOnline(), pickOnline()};
        for (int i = 0; i < tests; i++) {
          t += 5_000 + random.nextInt(90_000);
          schedule(
              pattern,
              card,
              merchants[random.nextInt(2)],
              0.5 + random.nextDouble() * 1.5,
              t,
              Channel.ECOM,
              EntryMode.MANUAL,
              device,
              ip,
              false);
        }
        int big = 1 + random.nextInt(2);
        for (int i = 0; i < big; i++) {
          t += 60_000 + random.nextInt(600_000);
          schedule(
              pattern,
              card,
              pickOnline(),
              300 + random.nextDouble() * 1200,
              t,
              Channel.ECOM,
              EntryMode.MANUAL,
              device,
              ip,
              false);
        }
      }
      case ACCOUNT_TAKEOVER -> {
        String device = "d-ato-" + run + "-" + sequence;
        String ip = "91." + random.nextInt(256) + "." + random.nextInt(256) + ".3";
        t = nextNight(t);
        int events = 3 + random.nextInt(4);
        for (int i = 0; i < events; i++) {
          t += 2 * MINUTE + random.nextInt((int) (10 * MINUTE));
          double amount =
              Math.round(Math.exp(world.amountMu[card]) * (4 + random.nextDouble() * 8) / 50.0)
                      * 50.0
                  + 50;
          Channel channel = random.nextDouble() < 0.4 ? Channel.TRANSFER : Channel.ECOM;
          schedule(
              pattern, card, pickOnline(), amount, t, channel, EntryMode.TOKEN, device, ip, false);
        }
      }
      case IMPOSSIBLE_TRAVEL -> {
        int city = farCity(world.homeCity[card]);
        int[] stores = world.storesByCity[city];
        if (stores.length == 0) {
          return;
        }
        t += 30 * MINUTE + random.nextInt((int) (150 * MINUTE));
        int events = 2 + random.nextInt(3);
        for (int i = 0; i < events; i++) {
          t += 3 * MINUTE + random.nextInt((int) (20 * MINUTE));
          boolean atm = random.nextDouble() < 0.4;
          int merchant = stores[random.nextInt(stores.length)];
          double amount =
              atm
                  ? 100 * (2 + random.nextInt(4))
                  : Math.exp(world.amountMu[card]) * (2 + random.nextDouble() * 6);
          schedule(
              pattern,
              card,
              merchant,
              amount,
              t,
              atm ? Channel.ATM : Channel.POS,
              EntryMode.SWIPE,
              null,
              null,
              true);
        }
      }
      case MERCHANT_COLLUSION -> {
        int merchant = collusiveMerchant();
        t = nextNight(t);
        int events = 10 + random.nextInt(21);
        for (int i = 0; i < events; i++) {
          t += 30_000 + random.nextInt(240_000);
          int victim = random.nextInt(world.cardCount);
          if (world.cardTenant[victim] != world.cardTenant[card]) {
            continue;
          }
          double amount = 100 * (1 + random.nextInt(5)) - (random.nextDouble() < 0.5 ? 0.01 : 0);
          schedule(
              pattern,
              victim,
              merchant,
              amount,
              t,
              Channel.MOTO,
              EntryMode.MANUAL,
              null,
              null,
              false);
        }
      }
      case BUST_OUT -> {
        int events = 6 + random.nextInt(14);
        for (int i = 0; i < events; i++) {
          t += 30 * MINUTE + random.nextInt((int) (240 * MINUTE));
          boolean online = random.nextDouble() < 0.5;
          int merchant =
              online ? pickOnline() : pickStore(world.homeCity[card], "5732", "5944", "5311");
          double amount = Math.exp(world.amountMu[card]) * (3 + random.nextDouble() * 20);
          schedule(
              pattern,
              card,
              merchant,
              amount,
              t,
              online ? Channel.ECOM : Channel.POS,
              online ? EntryMode.TOKEN : EntryMode.CHIP,
              online ? world.device[card] : null,
              online ? world.ip[card] : null,
              !online);
        }
      }
    }
  }

  private long nextNight(long t) {
    long day = t - Math.floorMod(t, 24 * HOUR);
    long night = day + 24 * HOUR + HOUR + random.nextInt((int) (4 * HOUR));
    return night - t > 30 * HOUR ? t : night;
  }

  private int farCity(int home) {
    double homeLongitude = (double) World.CITIES[home][3];
    for (int attempt = 0; attempt < 20; attempt++) {
      int city = random.nextInt(World.CITIES.length);
      if (Math.abs((double) World.CITIES[city][3] - homeLongitude) > 40) {
        return city;
      }
    }
    return (home + World.CITIES.length / 2) % World.CITIES.length;
  }

  private int pickOnline() {
    return world.onlineMerchants[random.nextInt(world.onlineMerchants.length)];
  }

  private int pickStore(int city, String... categories) {
    int[] stores = world.storesByCity[city];
    for (int attempt = 0; attempt < 30 && stores.length > 0; attempt++) {
      int store = stores[random.nextInt(stores.length)];
      for (String category : categories) {
        if (world.merchantCategory[store].equals(category)) {
          return store;
        }
      }
    }
    return stores.length > 0 ? stores[random.nextInt(stores.length)] : pickOnline();
  }

  private int collusiveMerchant() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int m = random.nextInt(world.merchantCount);
      if (world.merchantColluding[m]) {
        return m;
      }
    }
    return world.storesByCity[0].length > 0 ? world.storesByCity[0][0] : pickOnline();
  }

  private void schedule(
      FraudPattern pattern,
      int card,
      int merchant,
      double amount,
      long time,
      Channel channel,
      EntryMode entry,
      @Nullable String device,
      @Nullable String ip,
      boolean present) {
    // online fraud often comes through proxies near the victim, so its location is only a weak
    // signal
    boolean proxied = !present && random.nextDouble() < 0.5;
    double latitude =
        present
            ? world.merchantLatitude[merchant]
            : world.homeLatitude[card] + (proxied ? 0 : random.nextGaussian() * 8);
    double longitude =
        present
            ? world.merchantLongitude[merchant]
            : world.homeLongitude[card] + (proxied ? 0 : random.nextGaussian() * 8);
    scheduled.add(
        new SimulatedTransaction(
            transaction(
                card, merchant, amount, time, channel, entry, device, ip, latitude, longitude,
                present),
            pattern));
  }

  private Transaction transaction(
      int card,
      int merchant,
      double amount,
      long time,
      Channel channel,
      EntryMode entry,
      @Nullable String device,
      @Nullable String ip,
      double latitude,
      double longitude,
      boolean present) {
    double cents = Math.max(0.01, Math.round(amount * 100) / 100.0);
    return new Transaction(
        "t-" + run + "-" + sequence++,
        world.tenants[world.cardTenant[card]],
        world.cardId[card],
        world.accountId[card],
        world.customerId[card],
        world.merchantId[merchant],
        world.merchantCategory[merchant],
        world.merchantCountry[merchant],
        Math.min(cents, 9_999_999),
        "EUR",
        Instant.ofEpochMilli(time),
        channel,
        entry,
        device,
        ip,
        Math.max(-90, Math.min(90, latitude)),
        Math.max(-180, Math.min(180, longitude)),
        present);
  }
}
