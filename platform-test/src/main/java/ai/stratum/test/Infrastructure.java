package ai.stratum.test;

/** A running PostgreSQL and Kafka pair, whichever way it was started. */
interface Infrastructure extends AutoCloseable {

  String jdbcUrl();

  String username();

  String password();

  String kafkaBootstrapServers();

  /** Stops both servers and removes what they stored. */
  @Override
  void close();
}
