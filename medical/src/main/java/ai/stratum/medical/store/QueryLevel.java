package ai.stratum.medical.store;

/** The QIDO-RS level a query searches. */
public enum QueryLevel {
  STUDY,
  SERIES,
  INSTANCE
}
