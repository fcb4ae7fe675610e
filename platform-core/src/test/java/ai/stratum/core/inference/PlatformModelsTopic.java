package ai.stratum.core.inference;

import ai.stratum.core.events.Topic;
import ai.stratum.test.SharedInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates {@code platform.models} on the shared test broker, which does not create topics on first
 * use.
 */
public final class PlatformModelsTopic {

  private PlatformModelsTopic() {}

  public static void create() throws Exception {
    Topic topic = Topic.PLATFORM_MODELS;
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafkaBootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic.topicName(), topic.partitions(), (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
