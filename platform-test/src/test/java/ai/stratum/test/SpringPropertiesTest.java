package ai.stratum.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@RealInfrastructure
class SpringPropertiesTest {

  @Test
  void pointsSpringBootPropertiesAtTheSharedServers() {
    SharedInfrastructure infrastructure = SharedInfrastructure.get();

    assertThat(System.getProperty("spring.datasource.url"))
        .isEqualTo(infrastructure.jdbcUrl())
        .startsWith("jdbc:postgresql://");
    assertThat(System.getProperty("spring.datasource.username"))
        .isEqualTo(infrastructure.username());
    assertThat(System.getProperty("spring.datasource.password"))
        .isEqualTo(infrastructure.password());
    assertThat(System.getProperty("spring.kafka.bootstrap-servers"))
        .isEqualTo(infrastructure.kafkaBootstrapServers());
  }

  @Test
  void sharesOneInstancePerJvm() {
    assertThat(SharedInfrastructure.get()).isSameAs(SharedInfrastructure.get());
  }

  @Test
  void servesTheDataSourceFromTheSharedDatabase() throws Exception {
    try (Connection connection = SharedInfrastructure.get().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_database()")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).isEqualTo("stratum");
    }
  }
}
