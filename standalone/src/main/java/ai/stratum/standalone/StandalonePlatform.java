package ai.stratum.standalone;

import ai.stratum.core.service.ServiceDefinition;
import ai.stratum.embedded.InfrastructureStartException;
import ai.stratum.embedded.KafkaBroker;
import ai.stratum.embedded.PostgresServer;
import ai.stratum.medical.dimse.DimseReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running standalone platform: a real PostgreSQL and a real Kafka broker keeping their data under
 * the data directory, and every service in its own Spring context on its own port. Closing it stops
 * the services in reverse order, then Kafka, then PostgreSQL.
 */
final class StandalonePlatform implements AutoCloseable {

  static final String DEMO_CREDENTIALS = "demo-credentials.json";

  private final StandaloneOptions options;
  private final PostgresServer postgres;
  private final KafkaBroker kafka;
  private final SequencedMap<String, ConfigurableApplicationContext> services;

  private StandalonePlatform(
      StandaloneOptions options,
      PostgresServer postgres,
      KafkaBroker kafka,
      SequencedMap<String, ConfigurableApplicationContext> services) {
    this.options = options;
    this.postgres = postgres;
    this.kafka = kafka;
    this.services = services;
  }

  static StandalonePlatform start(StandaloneOptions options) {
    Path dataDir = prepareDataDir(options.dataDir());
    checkPortsFree(options);
    PostgresServer postgres = null;
    KafkaBroker kafka = null;
    SequencedMap<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    try {
      postgres =
          PostgresServer.builder()
              .dataDirectory(dataDir.resolve("postgres"))
              .port(options.postgresPort())
              .portSetting("--postgres-port")
              .stopOnJvmExit(false)
              .build()
              .start();
      kafka =
          KafkaBroker.builder()
              .dataDirectory(dataDir.resolve("kafka"))
              .port(options.kafkaPort())
              .portSetting("--kafka-port")
              .stopOnJvmExit(false)
              .build()
              .start();
      for (ServiceDefinition service : ServiceCatalogue.SERVICES) {
        services.put(
            service.name(), startService(service, options, dataDir, postgres, kafka, services));
      }
      return new StandalonePlatform(options, postgres, kafka, services);
    } catch (RuntimeException failure) {
      new StandalonePlatform(options, postgres, kafka, services).close();
      throw failure;
    }
  }

  private static ConfigurableApplicationContext startService(
      ServiceDefinition service,
      StandaloneOptions options,
      Path dataDir,
      PostgresServer postgres,
      KafkaBroker kafka,
      SequencedMap<String, ConfigurableApplicationContext> started) {
    List<String> args =
        new ArrayList<>(serviceSpecificArgs(service.name(), options, dataDir, started));
    args.addAll(
        List.of(
            "--server.port=" + options.servicePorts().get(service.name()),
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=" + postgres.username(),
            "--spring.datasource.password=" + postgres.password(),
            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            // one content store for every service: objects are named by their sha256, and a model
            // version registered through continual-learning must be readable by the service that
            // serves it
            "--stratum.core.storage.root=" + dataDir.resolve("storage"),
            "--logging.file.name=" + dataDir.resolve("logs").resolve("stratum.log"),
            "--logging.threshold.console=WARN",
            // services share one log file here; each line names its service through the thread's
            // context instead
            "--logging.include-application-name=false",
            // start-up notices that are expected in a first run and would bury the summary
            "--logging.level.org.springdoc.core.events.SpringDocAppInitializer=ERROR",
            "--logging.level.org.flywaydb.core.internal.command.DbValidate=ERROR",
            "--logging.level.ai.djl.util.cuda.CudaUtils=ERROR"));
    return new SpringApplicationBuilder(service.applicationClass())
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
  }

  /**
   * What standalone sets for one service beyond the shared infrastructure: its extra ports, its
   * demo data, and for the gateway where the others listen (they start before it, see {@link
   * ServiceCatalogue}).
   */
  private static List<String> serviceSpecificArgs(
      String service,
      StandaloneOptions options,
      Path dataDir,
      SequencedMap<String, ConfigurableApplicationContext> started) {
    return switch (service) {
      case "medical" ->
          List.of(
              "--stratum.medical.dimse.port=" + options.dimsePort(),
              "--stratum.medical.demo.studies=" + options.demoStudies());
      case "gateway" ->
          List.of(
              route("medical", "medical", started),
              route("finance", "finance", started),
              route("models", "continual-learning", started),
              route("learning", "continual-learning", started),
              route("privacy", "privacy", started),
              "--stratum.gateway.demo.credentials-file=" + dataDir.resolve(DEMO_CREDENTIALS));
      default -> List.of();
    };
  }

  private static String route(
      String route, String service, SequencedMap<String, ConfigurableApplicationContext> started) {
    return "--stratum.gateway.routing.routes."
        + route
        + ".upstream=http://localhost:"
        + portOf(started.get(service));
  }

  private static Path prepareDataDir(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Files.delete(Files.createTempFile(dataDir, ".write-check", ".tmp"));
      return dataDir;
    } catch (IOException | SecurityException notWritable) {
      throw new InfrastructureStartException(
          "data directory "
              + dataDir
              + " is not writable ("
              + notWritable.getClass().getSimpleName()
              + "); choose another with --data-dir",
          notWritable);
    }
  }

  private static void checkPortsFree(StandaloneOptions options) {
    Map<Integer, String> flags = new LinkedHashMap<>();
    flags.put(options.postgresPort(), "--postgres-port");
    flags.put(options.kafkaPort(), "--kafka-port");
    flags.put(options.dimsePort(), "--dimse-port");
    options
        .servicePorts()
        .forEach((service, port) -> flags.put(port, StandaloneOptions.portFlag(service)));
    flags.forEach((port, flag) -> {
      if (port != 0 && !isFree(port)) {
        throw new InfrastructureStartException(
            "port " + port + " is already in use; choose a free one with " + flag);
      }
    });
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  /** The HTTP port a service actually listens on (differs from the option when that was 0). */
  int portOf(String service) {
    return portOf(services.get(service));
  }

  private static int portOf(ConfigurableApplicationContext service) {
    return ((WebServerApplicationContext) service).getWebServer().getPort();
  }

  String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** What runs where, for the person who just typed {@code ./stratum run}. */
  String describe() {
    StringBuilder text = new StringBuilder();
    text.append("\nStratum is running. Data: ").append(options.dataDir()).append('\n');
    for (String service : services.keySet()) {
      int port = portOf(service);
      text.append(
          "  %-20s http://localhost:%d   health /actuator/health   API docs /swagger-ui.html%n"
              .formatted(service, port));
    }
    text.append("  %-20s %s%n".formatted("PostgreSQL 18", postgres.jdbcUrl()))
        .append(
            "  %-20s psql -h localhost -p %d -U %s stratum%n"
                .formatted("", postgres.port(), postgres.username()))
        .append("  %-20s %s (KRaft, PLAINTEXT)%n".formatted("Kafka", kafka.bootstrapServers()))
        .append(
            "  %-20s localhost:%d, AE title STRATUM (C-STORE, C-ECHO)%n"
                .formatted(
                    "DICOM DIMSE", services.get("medical").getBean(DimseReceiver.class).port()))
        .append(
            "  %-20s %s (admin console: http://localhost:%d/console)%n"
                .formatted(
                    "demo credentials",
                    options.dataDir().resolve(DEMO_CREDENTIALS),
                    portOf("gateway")))
        .append("  %-20s %s%n".formatted("logs", options.dataDir().resolve("logs/stratum.log")))
        .append("Press Ctrl-C to stop.\n");
    return text.toString();
  }

  @Override
  public void close() {
    List<ConfigurableApplicationContext> running = new ArrayList<>(services.values());
    Collections.reverse(running);
    running.forEach(ConfigurableApplicationContext::close);
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
