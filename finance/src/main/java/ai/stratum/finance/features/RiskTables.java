package ai.stratum.finance.features;

import java.util.Map;

/**
 * Smoothed fraud log-odds per merchant category code and per merchant country, learned from
 * labelled data when a model is trained and shipped with it; unseen values get {@code fallback}.
 */
public record RiskTables(
    Map<String, Float> merchantCategoryRisk, Map<String, Float> countryRisk, float fallback) {

  public RiskTables {
    merchantCategoryRisk = Map.copyOf(merchantCategoryRisk);
    countryRisk = Map.copyOf(countryRisk);
  }

  /** No knowledge: every category and country gets the same risk. */
  public static RiskTables neutral() {
    return new RiskTables(Map.of(), Map.of(), 0f);
  }

  public float merchantCategory(String code) {
    return merchantCategoryRisk.getOrDefault(code, fallback);
  }

  public float country(String code) {
    return countryRisk.getOrDefault(code, fallback);
  }
}
