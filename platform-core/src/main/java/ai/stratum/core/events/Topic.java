package ai.stratum.core.events;

/**
 * The Kafka topics of Stratum. Names are contracts shared with banks, hospitals and every service:
 * change them only together with ../shared/ARCHITECTURE.md.
 */
public enum Topic {
  FINANCE_TRANSACTIONS("finance.transactions", 6, "card id"),
  FINANCE_DECISIONS("finance.decisions", 6, "card id"),
  FINANCE_TRANSACTIONS_DLQ("finance.transactions.dlq", 1, "original key"),
  FINANCE_LABELS("finance.labels", 3, "transaction id"),
  MEDICAL_STUDIES("medical.studies", 3, "study instance UID"),
  MEDICAL_FINDINGS("medical.findings", 3, "study instance UID"),
  MEDICAL_FEEDBACK("medical.feedback", 3, "finding id"),
  PLATFORM_MODELS("platform.models", 1, "model name");

  private final String topicName;
  private final int partitions;
  private final String key;

  Topic(String topicName, int partitions, String key) {
    this.topicName = topicName;
    this.partitions = partitions;
    this.key = key;
  }

  public String topicName() {
    return topicName;
  }

  public int partitions() {
    return partitions;
  }

  /** What the record key holds; producers must key by it so per-key ordering holds. */
  public String key() {
    return key;
  }

  /** The topic with this Kafka name, e.g. {@code finance.transactions}. */
  public static Topic byName(String topicName) {
    for (Topic topic : values()) {
      if (topic.topicName.equals(topicName)) {
        return topic;
      }
    }
    throw new IllegalArgumentException("no Stratum topic named '" + topicName + "'");
  }
}
