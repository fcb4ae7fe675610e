package ai.stratum.embedded;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.network.metrics.RequestMetrics;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;

/**
 * The broker's per-request-type latency and size histograms, registered with uniform sampling
 * before the broker creates them (the broker then gets these, by name, instead of its own).
 *
 * <p>The broker asks for exponentially decaying samples: every update takes a lock and inserts into
 * (and trims) a 1,028-entry skip list, and each request updates eight to ten of them on a network
 * thread. In a broker that shares two cores with the service, that was most of the network threads'
 * own work: 85 of 137 profile samples at 2,450 requests a second. A uniform sample updates one
 * array slot. The histograms stay in JMX under their usual names; their percentiles cover the
 * broker's whole life instead of leaning towards the last five minutes, which suits an embedded
 * broker, whose histograms are read only to diagnose it.
 */
final class RequestHistograms {

  private static final KafkaMetricsGroup GROUP =
      new KafkaMetricsGroup("kafka.network", "RequestMetrics");

  private static final List<String> EVERY_REQUEST =
      List.of(
          "RequestQueueTimeMs",
          "LocalTimeMs",
          "RemoteTimeMs",
          "ThrottleTimeMs",
          "ResponseQueueTimeMs",
          "ResponseSendTimeMs",
          "TotalTimeMs",
          "RequestBytes");

  private static final List<String> FETCH_AND_PRODUCE =
      List.of(RequestMetrics.MESSAGE_CONVERSIONS_TIME_MS, RequestMetrics.TEMPORARY_MEMORY_BYTES);

  private RequestHistograms() {}

  /**
   * Registers them for every request type the broker may serve; idempotent. The broker removes its
   * request metrics when it shuts down, so this runs before every start. Types that neither of its
   * listeners serves keep empty histograms.
   */
  static void registerUniform() {
    Stream.concat(
            Stream.of(ApiKeys.values()).map(key -> key.name),
            Stream.of(
                RequestMetrics.CONSUMER_FETCH_METRIC_NAME,
                RequestMetrics.FOLLOW_FETCH_METRIC_NAME,
                RequestMetrics.VERIFY_PARTITIONS_IN_TXN_METRIC_NAME,
                RequestMetrics.LIST_CLIENT_METRICS_RESOURCES_METRIC_NAME))
        .forEach(request -> {
          Map<String, String> tags = Map.of("request", request);
          for (String histogram : EVERY_REQUEST) {
            GROUP.newHistogram(histogram, false, tags);
          }
          if (request.equals(ApiKeys.FETCH.name) || request.equals(ApiKeys.PRODUCE.name)) {
            for (String histogram : FETCH_AND_PRODUCE) {
              GROUP.newHistogram(histogram, false, tags);
            }
          }
        });
  }
}
