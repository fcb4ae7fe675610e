package ai.stratum.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

class EventsAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class));

  @Test
  void declaresTheListedTopicsWithCataloguePartitions() {
    List<NewTopic> topics =
        EventsAutoConfiguration.newTopics(
            new EventsProperties(
                List.of("finance.transactions", "platform.models", "finance.transactions"),
                (short) 3));

    assertThat(topics)
        .extracting(NewTopic::name, NewTopic::numPartitions, NewTopic::replicationFactor)
        .containsExactly(
            tuple("finance.transactions", 6, (short) 3), tuple("platform.models", 1, (short) 3));
  }

  @Test
  void bindsTopicsFromConfiguration() {
    runner
        .withPropertyValues("stratum.core.events.topics=medical.studies,medical.findings")
        .run(context -> {
          assertThat(context).hasSingleBean(KafkaAdmin.NewTopics.class);
          assertThat(context.getBean(EventsProperties.class))
              .isEqualTo(
                  new EventsProperties(List.of("medical.studies", "medical.findings"), (short) 1));
        });
  }

  @Test
  void failsStartupOnATopicOutsideTheCatalogue() {
    runner
        .withPropertyValues("stratum.core.events.topics=finance.transaction")
        .run(context ->
            assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("no Stratum topic named 'finance.transaction'"));
  }
}
