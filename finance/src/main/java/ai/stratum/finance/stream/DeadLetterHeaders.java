package ai.stratum.finance.stream;

/**
 * Headers the scoring stream adds to records it refuses to {@code finance.transactions.dlq},
 * besides Spring Kafka's {@code kafka_dlt-original-*} headers (topic, partition, offset, timestamp,
 * consumer group) and the original record's own headers, which the dead letter keeps.
 */
public final class DeadLetterHeaders {

  /** The {@link ai.stratum.finance.contract.RejectionReason} code. */
  public static final String REASON = "stratum-dlq-reason";

  /** A one-line explanation (never the record's field values). */
  public static final String DETAIL = "stratum-dlq-detail";

  private DeadLetterHeaders() {}
}
