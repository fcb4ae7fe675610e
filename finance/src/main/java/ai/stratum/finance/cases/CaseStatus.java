package ai.stratum.finance.cases;

/** Which cases a list shows. */
public enum CaseStatus {
  OPEN,
  RESOLVED,
  ALL
}
