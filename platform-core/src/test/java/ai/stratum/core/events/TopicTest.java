package ai.stratum.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicTest {

  @Test
  void findsEveryTopicByItsKafkaName() {
    for (Topic topic : Topic.values()) {
      assertThat(Topic.byName(topic.topicName())).isSameAs(topic);
    }
  }

  @Test
  void rejectsNamesOutsideTheCatalogue() {
    assertThatThrownBy(() -> Topic.byName("finance.transaction"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finance.transaction");
  }
}
