package ai.stratum.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The command line of standalone mode: where data lives and which ports to use. Every port has a
 * flag so a clash with another program is fixed without editing files.
 */
record StandaloneOptions(
    Path dataDir,
    int postgresPort,
    int kafkaPort,
    int dimsePort,
    int demoStudies,
    SequencedMap<String, Integer> servicePorts) {

  static final Map<String, Integer> DEFAULT_SERVICE_PORTS =
      Map.of(
          "gateway", 8080,
          "medical", 8081,
          "finance", 8082,
          "continual-learning", 8083,
          "privacy", 8084);

  static final String USAGE =
      """
      Usage: ./stratum run [--data-dir DIR] [--postgres-port N] [--kafka-port N] [--dimse-port N]
                           [--demo-studies N] [--<service>-port N]

        --data-dir DIR         where PostgreSQL, Kafka and stored objects keep their data (default ./var)
        --postgres-port N      embedded PostgreSQL port (default 5432)
        --kafka-port N         embedded Kafka broker port (default 9092)
        --dimse-port N         DICOM C-STORE/C-ECHO port, AE title STRATUM (default 11112)
        --demo-studies N       synthetic CT studies loaded into an empty store at start (default 3)
        --<service>-port N     HTTP port of gateway (8080), medical (8081), finance (8082),
                               continual-learning (8083), privacy (8084)
      """;

  static StandaloneOptions parse(String... args) {
    Path dataDir = Path.of("var");
    int postgresPort = 5432;
    int kafkaPort = 9092;
    int dimsePort = 11112;
    int demoStudies = 3;
    SequencedMap<String, Integer> servicePorts = new LinkedHashMap<>();
    for (String service : ServiceCatalogue.names()) {
      servicePorts.put(service, DEFAULT_SERVICE_PORTS.get(service));
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = valueOf(args, ++i, flag);
      switch (flag) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--postgres-port" -> postgresPort = port(flag, value);
        case "--kafka-port" -> kafkaPort = port(flag, value);
        case "--dimse-port" -> dimsePort = port(flag, value);
        case "--demo-studies" -> demoStudies = count(flag, value);
        default -> {
          String service = serviceOfPortFlag(flag);
          servicePorts.put(service, port(flag, value));
        }
      }
    }
    return new StandaloneOptions(
        dataDir.toAbsolutePath().normalize(),
        postgresPort,
        kafkaPort,
        dimsePort,
        demoStudies,
        servicePorts);
  }

  /** The flag that sets a service's port, for error messages. */
  static String portFlag(String service) {
    return "--" + service + "-port";
  }

  private static String serviceOfPortFlag(String flag) {
    if (flag.startsWith("--") && flag.endsWith("-port")) {
      String service = flag.substring(2, flag.length() - "-port".length());
      if (DEFAULT_SERVICE_PORTS.containsKey(service)) {
        return service;
      }
    }
    throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
  }

  private static String valueOf(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
    }
    return args[index];
  }

  private static int count(String flag, String value) {
    try {
      int count = Integer.parseInt(value);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the flag's name
    }
    throw new IllegalArgumentException(flag + " must be a number >= 0, got '" + value + "'");
  }

  private static int port(String flag, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the flag's name
    }
    throw new IllegalArgumentException(
        flag + " must be a port number 0-65535, got '" + value + "'");
  }
}
