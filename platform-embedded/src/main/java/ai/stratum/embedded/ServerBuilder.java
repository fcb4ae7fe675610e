package ai.stratum.embedded;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every embedded server is told before it starts: its data directory, its port, the setting
 * that names that port in error messages, and whether it stops itself when the JVM exits.
 */
public abstract class ServerBuilder<B extends ServerBuilder<B>> {

  @Nullable Path dataDirectory;
  int port;
  String portSetting;
  boolean stopOnJvmExit = true;

  ServerBuilder(String defaultPortSetting) {
    this.portSetting = defaultPortSetting;
  }

  /** Required: the server's own directory, prepared on the first start and reused afterwards. */
  public B dataDirectory(Path dataDirectory) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    return self();
  }

  /** The port for clients; 0 (the default) picks a free port on every start. */
  public B port(int port) {
    this.port = Ports.requireValid(port);
    return self();
  }

  /** The setting a user changes when the port is taken, named in the error message. */
  public B portSetting(String portSetting) {
    this.portSetting = Objects.requireNonNull(portSetting, "portSetting");
    return self();
  }

  /**
   * Whether a JVM shutdown hook stops the server (the default). An owner that stops several things
   * in order on exit turns it off and closes the server itself.
   */
  public B stopOnJvmExit(boolean stopOnJvmExit) {
    this.stopOnJvmExit = stopOnJvmExit;
    return self();
  }

  Path requiredDataDirectory() {
    return Objects.requireNonNull(dataDirectory, "dataDirectory is required");
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
