package ai.stratum.finance.contract;

/**
 * Why an input record was refused; the {@link #code()} goes into the dead-letter record's {@code
 * stratum-dlq-reason} header and into problem responses.
 */
public enum RejectionReason {
  /** Not parseable as one JSON value (bad syntax, bad UTF-8, duplicate keys, trailing data). */
  MALFORMED_JSON("malformed-json"),
  /** Valid JSON that breaks transaction.schema.json. */
  SCHEMA_VIOLATION("schema-violation"),
  /** Larger than the configured maximum record size; not even parsed. */
  OVERSIZED("oversized"),
  /** Fits the schema, but the tenant id is not a Stratum tenant id (lower-case, digits, '-'). */
  INVALID_TENANT("invalid-tenant"),
  /** A valid transaction whose processing failed; the stream moves on and keeps the record here. */
  PROCESSING_FAILED("processing-failed");

  private final String code;

  RejectionReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
