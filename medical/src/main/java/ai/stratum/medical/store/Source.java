package ai.stratum.medical.store;

/** How an instance reached the store. */
public enum Source {
  STOW("stow"),
  DIMSE("dimse"),
  LOCAL("local");

  private final String column;

  Source(String column) {
    this.column = column;
  }

  public String column() {
    return column;
  }
}
