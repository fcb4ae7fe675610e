package ai.stratum.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The distributed deployment describes every service standalone runs, and Compose accepts it. */
class DockerComposeTest {

  private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

  @Test
  void declaresEveryServiceWithPostgresAndKafka() throws IOException {
    String compose = Files.readString(COMPOSE_FILE);

    assertThat(compose).contains("image: postgres:18", "image: apache/kafka:4.2.1");
    for (String service : ServiceCatalogue.names()) {
      assertThat(compose).contains("\n  " + service + ":\n", "SERVICE: " + service + " }");
    }
  }

  @Test
  void isAcceptedByDockerCompose() throws Exception {
    Path dockerCompose = Path.of("/usr/bin/docker-compose");
    assumeTrue(Files.isExecutable(dockerCompose), "docker-compose is not installed");

    Process config =
        new ProcessBuilder(dockerCompose.toString(), "-f", COMPOSE_FILE.toString(), "config", "-q")
            .redirectErrorStream(true)
            .start();

    String output = new String(config.getInputStream().readAllBytes());
    assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(config.exitValue()).as(output).isZero();
  }
}
