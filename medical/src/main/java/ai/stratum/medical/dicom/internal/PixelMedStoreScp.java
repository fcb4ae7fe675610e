package ai.stratum.medical.dicom.internal;

import ai.stratum.medical.dicom.DimseStatus;
import ai.stratum.medical.dicom.ReceivedDataset;
import ai.stratum.medical.dicom.StoreHandler;
import ai.stratum.medical.dicom.StoreScp;
import ai.stratum.medical.dicom.StoreScpSettings;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CEchoResponseCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A C-ECHO / C-STORE SCP on PixelMed's association layer. PixelMed negotiates the association; the
 * calling AE check, the DIMSE message handling and the response status are ours, because PixelMed's
 * own SCP always answers success.
 */
public final class PixelMedStoreScp implements StoreScp {

  private static final Logger log = LoggerFactory.getLogger(PixelMedStoreScp.class);
  private static final int A_ASSOCIATE_RQ = 0x01;
  private static final int MAX_ASSOCIATE_RQ_LENGTH = 1 << 20;

  private final StoreScpSettings settings;
  private final StoreHandler handler;
  private final ServerSocket server;
  private final ExecutorService associations = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  private PixelMedStoreScp(StoreScpSettings settings, StoreHandler handler, ServerSocket server) {
    this.settings = settings;
    this.handler = handler;
    this.server = server;
    this.acceptor =
        Thread.ofPlatform()
            .name("dimse-accept-" + server.getLocalPort())
            .daemon()
            .unstarted(this::acceptLoop);
  }

  public static PixelMedStoreScp start(StoreScpSettings settings, StoreHandler handler)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(settings.port()), 50);
    PixelMedStoreScp scp = new PixelMedStoreScp(settings, handler, server);
    scp.acceptor.start();
    log.info("DIMSE SCP {} listening on port {}", settings.aeTitle(), server.getLocalPort());
    return scp;
  }

  @Override
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing the DIMSE server socket", e);
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    associations.shutdown();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        associations.execute(() -> {
          try {
            serve(socket);
          } finally {
            open.remove(socket);
            closeQuietly(socket);
          }
        });
      } catch (IOException e) {
        if (!closed) {
          log.warn("DIMSE accept failed", e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setSoTimeout((int) settings.idleTimeout().toMillis());
      byte[] request = readAssociateRequest(socket);
      if (request == null) {
        return;
      }
      String callingAe = aeTitle(request, 26);
      if (!settings.callingAeAllowed().test(callingAe)) {
        log.info(
            "Rejected association from unknown calling AE '{}' at {}",
            callingAe,
            socket.getRemoteSocketAddress());
        rejectCallingAe(socket.getOutputStream());
        return;
      }
      Association association =
          AssociationFactory.createNewAssociation(
              new PrereadSocket(socket, request),
              settings.aeTitle(),
              AssociationFactory.getDefaultMaximumLengthReceived(),
              0,
              0,
              new AnyExplicitStorePresentationContextSelectionPolicy());
      exchange(association, callingAe);
    } catch (DicomNetworkException | IOException e) {
      log.debug("DIMSE association ended: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.warn("DIMSE association failed", e);
    }
  }

  private void exchange(Association association, String callingAe)
      throws DicomNetworkException, IOException {
    while (true) {
      DimseMessageReader message = new DimseMessageReader(settings.maxObjectBytes());
      association.setReceivedDataHandler(message);
      try {
        association.waitForPDataPDUsUntilHandlerReportsDone();
      } catch (AReleaseException released) {
        return;
      }
      byte[] response = respond(message, callingAe);
      if (response == null) {
        association.abort();
        return;
      }
      association.send(message.presentationContextId(), response, null);
    }
  }

  private byte[] respond(DimseMessageReader message, String callingAe) {
    try {
      return switch (message.commandField()) {
        case MessageServiceElementCommand.C_ECHO_RQ ->
            new CEchoResponseCommandMessage(
                    message.affectedSopClassUid(), message.messageId(), DimseStatus.SUCCESS)
                .getBytes();
        case MessageServiceElementCommand.C_STORE_RQ ->
            CommandSets.cStoreResponse(
                message.affectedSopClassUid(),
                message.affectedSopInstanceUid(),
                message.messageId(),
                store(message, callingAe));
        default -> null;
      };
    } catch (com.pixelmed.dicom.DicomException | IOException e) {
      log.warn("cannot encode a DIMSE response", e);
      return null;
    }
  }

  private DimseStatus store(DimseMessageReader message, String callingAe) {
    if (message.tooLarge()) {
      return DimseStatus.failure(
          DimseStatus.OUT_OF_RESOURCES,
          "Data set larger than " + settings.maxObjectBytes() + " bytes");
    }
    try {
      return handler.store(
          new ReceivedDataset(
              callingAe,
              message.affectedSopClassUid(),
              message.affectedSopInstanceUid(),
              message.transferSyntaxUid(),
              message.dataset()));
    } catch (RuntimeException e) {
      log.error("C-STORE of {} failed", message.affectedSopInstanceUid(), e);
      return DimseStatus.failure(DimseStatus.PROCESSING_FAILURE, "Processing failure");
    }
  }

  /** The A-ASSOCIATE-RQ PDU, or null when the peer sent something else (then we just close). */
  private static byte[] readAssociateRequest(Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] header = new byte[6];
    in.readFully(header);
    long length =
        ((header[2] & 0xFFL) << 24)
            | ((header[3] & 0xFF) << 16)
            | ((header[4] & 0xFF) << 8)
            | (header[5] & 0xFF);
    if ((header[0] & 0xFF) != A_ASSOCIATE_RQ || length < 68 || length > MAX_ASSOCIATE_RQ_LENGTH) {
      return null;
    }
    byte[] pdu = new byte[6 + (int) length];
    System.arraycopy(header, 0, pdu, 0, 6);
    in.readFully(pdu, 6, (int) length);
    return pdu;
  }

  private static String aeTitle(byte[] pdu, int offset) {
    return new String(pdu, offset, 16, StandardCharsets.US_ASCII).strip();
  }

  /** A-ASSOCIATE-RJ: rejected-permanent, by the service user, calling AE title not recognized. */
  private static void rejectCallingAe(OutputStream out) throws IOException {
    out.write(new byte[] {0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x03});
    out.flush();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException | RuntimeException e) {
      log.trace("closing a DIMSE socket", e);
    }
  }
}
