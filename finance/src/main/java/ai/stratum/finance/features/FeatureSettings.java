package ai.stratum.finance.features;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many entities of each kind the feature state keeps. Memory is fixed by these capacities
 * (roughly 1.5 KiB per card, 0.6 KiB per account or device, 1 KiB per merchant); when a table is
 * full, the least recently seen entity of a small probe window is evicted.
 */
@ConfigurationProperties("stratum.finance.features")
public record FeatureSettings(
    @DefaultValue("65536") int cards,
    @DefaultValue("65536") int accounts,
    @DefaultValue("16384") int merchants,
    @DefaultValue("65536") int devices) {

  public FeatureSettings {
    requirePositive(cards, "cards");
    requirePositive(accounts, "accounts");
    requirePositive(merchants, "merchants");
    requirePositive(devices, "devices");
  }

  /** Small tables, for tests and tools. */
  public static FeatureSettings small() {
    return new FeatureSettings(4096, 4096, 1024, 4096);
  }

  private static void requirePositive(int value, String name) {
    if (value < 16) {
      throw new IllegalArgumentException(name + " capacity must be >= 16, got " + value);
    }
  }
}
