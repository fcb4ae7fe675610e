package ai.stratum.finance.simulator.internal;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.simulator.SimulatorSettings;
import java.util.SplittableRandom;

/** The simulated population: cities, merchants and cards with their habits. */
public final class World {

  /** name, country, latitude, longitude, weight as a home city. */
  static final Object[][] CITIES = {
    {"London", "GB", 51.507, -0.128, 10}, {"Manchester", "GB", 53.481, -2.242, 5},
    {"Paris", "FR", 48.857, 2.352, 8}, {"Lyon", "FR", 45.764, 4.836, 3},
    {"Berlin", "DE", 52.520, 13.405, 7}, {"Munich", "DE", 48.135, 11.582, 4},
    {"Madrid", "ES", 40.417, -3.704, 5}, {"Rome", "IT", 41.903, 12.496, 4},
    {"Amsterdam", "NL", 52.368, 4.904, 4}, {"Warsaw", "PL", 52.230, 21.012, 3},
    {"New York", "US", 40.713, -74.006, 6}, {"Chicago", "US", 41.878, -87.630, 3},
    {"Toronto", "CA", 43.653, -79.383, 2}, {"Lagos", "NG", 6.524, 3.379, 1},
    {"Singapore", "SG", 1.352, 103.820, 1}, {"Sao Paulo", "BR", -23.551, -46.633, 1},
    {"Bangkok", "TH", 13.756, 100.502, 1}, {"Moscow", "RU", 55.756, 37.617, 1},
  };

  /** Physical merchant categories with typical amount scale. */
  static final String[] STORE_CATEGORIES = {
    "5411", "5812", "5541", "5912", "5311", "5651", "5732", "5944", "4111", "7011", "5814", "5999"
  };

  static final double[] STORE_SCALE = {1.0, 0.8, 1.1, 0.5, 1.5, 1.6, 4.0, 5.0, 0.2, 3.0, 0.3, 1.0};

  /** Online merchant categories. */
  static final String[] ONLINE_CATEGORIES = {
    "5964", "5967", "4899", "5815", "5816", "5734", "4829", "7995"
  };

  static final double[] ONLINE_SCALE = {1.5, 0.6, 0.5, 0.2, 0.3, 1.2, 3.0, 1.0};

  final TenantId[] tenants;
  final int cardCount;
  final int merchantCount;

  final String[] merchantId;
  final String[] merchantCategory;
  final double[] merchantScale;
  final String[] merchantCountry;
  final double[] merchantLatitude;
  final double[] merchantLongitude;
  final boolean[] merchantOnline;
  final int[] merchantCity;
  final boolean[] merchantColluding;
  final int[][] storesByCity;
  final int[] onlineMerchants;

  final String[] cardId;
  final String[] accountId;
  final String[] customerId;
  final int[] cardTenant;
  final int[] homeCity;
  final double[] homeLatitude;
  final double[] homeLongitude;
  final double[] amountMu;
  final double[] amountSigma;
  final double[] activity;
  final double[] activityCumulative;
  final int[] peakHour;
  final String[] device;
  final String[] ip;
  final double[] onlineShare;
  final int[][] favourites;
  final Channel[] channels = Channel.values();

  World(SimulatorSettings settings, SplittableRandom random) {
    tenants = settings.tenants().toArray(TenantId[]::new);
    cardCount = settings.cards();
    merchantCount = settings.merchants();
    String run = Long.toString(settings.seed(), 36);

    merchantId = new String[merchantCount];
    merchantCategory = new String[merchantCount];
    merchantScale = new double[merchantCount];
    merchantCountry = new String[merchantCount];
    merchantLatitude = new double[merchantCount];
    merchantLongitude = new double[merchantCount];
    merchantOnline = new boolean[merchantCount];
    merchantCity = new int[merchantCount];
    merchantColluding = new boolean[merchantCount];
    int[] perCity = new int[CITIES.length];
    int online = 0;
    for (int m = 0; m < merchantCount; m++) {
      merchantId[m] = "m-" + run + "-" + m;
      int city = pickCity(random);
      merchantCity[m] = city;
      merchantCountry[m] = (String) CITIES[city][1];
      merchantOnline[m] = random.nextDouble() < 0.25;
      if (merchantOnline[m]) {
        int c = random.nextInt(ONLINE_CATEGORIES.length);
        merchantCategory[m] = ONLINE_CATEGORIES[c];
        merchantScale[m] = ONLINE_SCALE[c];
        online++;
      } else {
        int c = random.nextInt(STORE_CATEGORIES.length);
        merchantCategory[m] = STORE_CATEGORIES[c];
        merchantScale[m] = STORE_SCALE[c];
        perCity[city]++;
      }
      merchantLatitude[m] = (double) CITIES[city][2] + random.nextGaussian() * 0.05;
      merchantLongitude[m] = (double) CITIES[city][3] + random.nextGaussian() * 0.05;
      merchantColluding[m] = !merchantOnline[m] && random.nextDouble() < 0.01;
    }
    storesByCity = new int[CITIES.length][];
    for (int c = 0; c < CITIES.length; c++) {
      storesByCity[c] = new int[perCity[c]];
    }
    onlineMerchants = new int[online];
    int[] fill = new int[CITIES.length];
    int onlineFill = 0;
    for (int m = 0; m < merchantCount; m++) {
      if (merchantOnline[m]) {
        onlineMerchants[onlineFill++] = m;
      } else {
        storesByCity[merchantCity[m]][fill[merchantCity[m]]++] = m;
      }
    }

    cardId = new String[cardCount];
    accountId = new String[cardCount];
    customerId = new String[cardCount];
    cardTenant = new int[cardCount];
    homeCity = new int[cardCount];
    homeLatitude = new double[cardCount];
    homeLongitude = new double[cardCount];
    amountMu = new double[cardCount];
    amountSigma = new double[cardCount];
    activity = new double[cardCount];
    activityCumulative = new double[cardCount];
    peakHour = new int[cardCount];
    device = new String[cardCount];
    ip = new String[cardCount];
    onlineShare = new double[cardCount];
    favourites = new int[cardCount][];
    double cumulative = 0;
    for (int c = 0; c < cardCount; c++) {
      boolean secondCard =
          c > 0 && random.nextDouble() < 0.2 && cardTenant[c - 1] == c % tenants.length;
      cardId[c] = "c-" + run + "-" + c;
      cardTenant[c] = c % tenants.length;
      if (secondCard) {
        accountId[c] = accountId[c - 1];
        customerId[c] = customerId[c - 1];
        homeCity[c] = homeCity[c - 1];
      } else {
        accountId[c] = "a-" + run + "-" + c;
        customerId[c] = "u-" + run + "-" + c;
        homeCity[c] = pickHomeCity(random);
      }
      homeLatitude[c] = (double) CITIES[homeCity[c]][2] + random.nextGaussian() * 0.03;
      homeLongitude[c] = (double) CITIES[homeCity[c]][3] + random.nextGaussian() * 0.03;
      amountMu[c] = Math.log(15 + random.nextDouble() * 60);
      amountSigma[c] = 0.5 + random.nextDouble() * 0.5;
      activity[c] = Math.exp(random.nextGaussian() * 0.7);
      cumulative += activity[c];
      activityCumulative[c] = cumulative;
      peakHour[c] = 9 + random.nextInt(12);
      device[c] = "d-" + run + "-" + c;
      ip[c] = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      onlineShare[c] = 0.1 + random.nextDouble() * 0.4;
      int[] stores = storesByCity[homeCity[c]];
      int favouriteCount = Math.min(stores.length, 4 + random.nextInt(8));
      favourites[c] = new int[favouriteCount];
      for (int f = 0; f < favouriteCount; f++) {
        favourites[c][f] = stores[random.nextInt(stores.length)];
      }
    }
  }

  int pickCard(SplittableRandom random) {
    double target = random.nextDouble() * activityCumulative[cardCount - 1];
    int low = 0;
    int high = cardCount - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (activityCumulative[mid] < target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static int pickCity(SplittableRandom random) {
    return random.nextInt(CITIES.length);
  }

  private static int pickHomeCity(SplittableRandom random) {
    int total = 0;
    for (Object[] city : CITIES) {
      total += (int) city[4];
    }
    int target = random.nextInt(total);
    for (int c = 0; c < CITIES.length; c++) {
      target -= (int) CITIES[c][4];
      if (target < 0) {
        return c;
      }
    }
    return 0;
  }
}
