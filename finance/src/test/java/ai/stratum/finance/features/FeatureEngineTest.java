package ai.stratum.finance.features;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.finance.contract.Channel;
import ai.stratum.finance.contract.EntryMode;
import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.simulator.SimulatorSettings;
import ai.stratum.finance.simulator.TransactionSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {

  private static final TenantId BANK = TenantId.of("bank-a");
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private final FeatureEngine engine =
      new FeatureEngine(FeatureSettings.small(), RiskTables.neutral());
  private final float[] out = new float[FeatureEngine.SIZE];

  private static Transaction tx(
      String id,
      String card,
      double amount,
      Instant time,
      double latitude,
      double longitude,
      String country) {
    return new Transaction(
        id,
        BANK,
        card,
        "acct-" + card,
        null,
        "m-1",
        "5411",
        country,
        amount,
        "EUR",
        time,
        Channel.POS,
        EntryMode.CHIP,
        null,
        null,
        latitude,
        longitude,
        true);
  }

  private float feature(String name) {
    return out[FeatureEngine.names().indexOf(name)];
  }

  @Test
  void computesMoreThanTwoHundredUniquelyNamedFeatures() {
    List<String> names = FeatureEngine.names();

    assertThat(FeatureEngine.SIZE).isGreaterThanOrEqualTo(200).isEqualTo(names.size());
    assertThat(new HashSet<>(names)).hasSize(names.size());
    for (int i = 0; i < names.size(); i++) {
      assertThat(FeatureEngine.reasonCode(i)).matches("[A-Z_]+");
    }
  }

  @Test
  void countsVelocityOverSlidingWindowsExcludingTheEventItself() {
    for (int i = 0; i < 5; i++) {
      engine.computeAndObserve(
          tx("t" + i, "c-1", 10, T0.plusSeconds(i * 5L), 51.5, -0.1, "GB"), out, 0);
    }
    engine.computeAndObserve(tx("t5", "c-1", 40, T0.plusSeconds(30), 51.5, -0.1, "GB"), out, 0);

    assertThat(feature("card_count_1m")).isEqualTo(5);
    assertThat(feature("card_amount_sum_1m")).isEqualTo(50);
    assertThat(feature("card_amount_ratio_1m")).isEqualTo(4);
    assertThat(feature("card_count_7d")).isEqualTo(5);

    engine.computeAndObserve(
        tx("t6", "c-1", 10, T0.plusSeconds(3 * 3600), 51.5, -0.1, "GB"), out, 0);

    assertThat(feature("card_count_1m")).isZero();
    assertThat(feature("card_count_1h")).isZero();
    assertThat(feature("card_count_24h")).isEqualTo(6);
    assertThat(feature("log_seconds_since_last_card"))
        .isCloseTo((float) Math.log1p(3 * 3600 - 30), org.assertj.core.data.Offset.offset(0.01f));
  }

  @Test
  void measuresGeoVelocityBetweenCardPresentTransactions() {
    engine.computeAndObserve(tx("t1", "c-2", 20, T0, 51.507, -0.128, "GB"), out, 0);
    engine.computeAndObserve(
        tx("t2", "c-2", 20, T0.plusSeconds(3600), 40.713, -74.006, "US"), out, 0);

    assertThat(feature("distance_from_last_card_present_km")).isBetween(5500f, 5620f);
    assertThat(feature("geo_velocity_kmh")).isGreaterThan(5000);
    assertThat(feature("impossible_travel")).isEqualTo(1);
    assertThat(feature("country_new_for_card")).isEqualTo(1);
    assertThat(feature("card_distinct_countries_24h")).isEqualTo(1);
  }

  @Test
  void countsEachCountryOnceInTheWindowsOfItsNewestEventAndFindsTheHomeCountry() {
    engine.computeAndObserve(tx("t1", "c-4", 20, T0, 51.5, -0.1, "GB"), out, 0);
    engine.computeAndObserve(tx("t2", "c-4", 20, T0.plusSeconds(600), 48.9, 2.4, "FR"), out, 0);
    engine.computeAndObserve(tx("t3", "c-4", 20, T0.plusSeconds(7200), 51.5, -0.1, "GB"), out, 0);
    engine.computeAndObserve(tx("t4", "c-4", 20, T0.plusSeconds(7230), 52.5, 13.4, "DE"), out, 0);

    assertThat(feature("card_distinct_countries_1m")).isEqualTo(1);
    assertThat(feature("card_distinct_countries_1h")).isEqualTo(1);
    assertThat(feature("card_distinct_countries_24h")).isEqualTo(2);
    assertThat(feature("country_differs_from_home")).isEqualTo(1);

    // GB and FR once each before this one: the newer, FR, is home
    engine.computeAndObserve(tx("u1", "c-5", 20, T0, 51.5, -0.1, "GB"), out, 0);
    engine.computeAndObserve(tx("u2", "c-5", 20, T0.plusSeconds(60), 48.9, 2.4, "FR"), out, 0);
    engine.computeAndObserve(tx("u3", "c-5", 20, T0.plusSeconds(120), 48.9, 2.4, "FR"), out, 0);

    assertThat(feature("country_differs_from_home")).isZero();
    assertThat(feature("card_distinct_countries_10m")).isEqualTo(2);
  }

  @Test
  void keepsCardsOfDifferentTenantsApart() {
    engine.computeAndObserve(tx("t1", "same-card", 20, T0, 51.5, -0.1, "GB"), out, 0);
    Transaction otherBank =
        new Transaction(
            "t2",
            TenantId.of("bank-b"),
            "same-card",
            "acct",
            null,
            "m-9",
            null,
            null,
            5,
            "EUR",
            T0.plusSeconds(1),
            Channel.ECOM,
            null,
            null,
            null,
            null,
            null,
            null);

    engine.computeAndObserve(otherBank, out, 0);

    assertThat(feature("card_count_1m")).isZero();
    assertThat(feature("lifetime_count_card")).isZero();
  }

  @Test
  void boundsMemoryByEvictingTheLeastRecentlySeenCards() {
    FeatureSettings tiny = new FeatureSettings(16, 16, 16, 16);
    FeatureEngine small = new FeatureEngine(tiny, RiskTables.neutral());
    for (int card = 0; card < 5_000; card++) {
      small.computeAndObserve(
          tx("t" + card, "c-" + card, 10, T0.plusSeconds(card), 51.5, -0.1, "GB"), out, 0);
    }
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    try {
      small.snapshot(snapshot);
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    small.computeAndObserve(
        tx("again", "c-4999", 10, T0.plusSeconds(5_000), 51.5, -0.1, "GB"), out, 0);

    assertThat(snapshot.size()).as("state bytes stay fixed by capacity").isLessThan(200_000);
    assertThat(out[FeatureEngine.names().indexOf("lifetime_count_card")]).isEqualTo(1);
  }

  @Test
  void restoredCopyOfTheStateComputesTheSameFeaturesAsAnUninterruptedEngine() throws IOException {
    TransactionSimulator simulator =
        new TransactionSimulator(new SimulatorSettings(7, List.of(BANK), 300, 60, T0, 20, 5_000));
    FeatureEngine uninterrupted = FeatureEngines.small();
    FeatureEngine restarted = FeatureEngines.small();
    for (int i = 0; i < 3_000; i++) {
      Transaction tx = simulator.next().transaction();
      uninterrupted.computeAndObserve(tx, out, 0);
      restarted.observe(tx);
      if (i == 1_000) {
        // an earlier checkpoint's copy: the memory it used is reused by the next one
        restarted.copyState();
      }
    }
    FeatureEngine.Snapshot frozen = restarted.copyState();
    restarted.reset();
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    frozen.writeTo(snapshot);
    FeatureEngine recovered = FeatureEngines.small();
    recovered.restore(new ByteArrayInputStream(snapshot.toByteArray()));

    FeatureEngines.assertSameFeatures(uninterrupted, recovered, simulator, 500);
  }
}
