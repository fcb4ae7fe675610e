package ai.stratum.medical.dicom;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real TCP peer that accepts every connection and never answers, as a PACS that hangs after
 * accepting; closing it closes the connections it accepted.
 */
public final class StalledPeer implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  /** Listens on the loopback address; port 0 picks a free one. */
  public StalledPeer(int port) throws IOException {
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(() -> {
          try {
            while (true) {
              accepted.add(server.accept());
            }
          } catch (IOException closed) {
            // closed: the test is over
          }
        });
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The connections accepted so far, in order. */
  public List<Socket> accepted() {
    return accepted;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}
