package ai.stratum.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Chooses ports and checks them before a server binds, so a clash gives a message, not a hang. */
final class Ports {

  private Ports() {}

  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port", e);
    }
  }

  /**
   * Returns {@code port} if it is 0 replaced by a free port, or {@code port} itself after checking
   * that nothing listens on it.
   */
  static int resolve(int port, String server, String setting) {
    if (port == 0) {
      return free();
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return port;
    } catch (IOException e) {
      throw new InfrastructureStartException(
          "%s port %d is already in use: stop the process using it or set %s to another port (0 picks a free one)"
              .formatted(server, port, setting),
          e);
    }
  }

  static int requireValid(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    return port;
  }
}
