package ai.stratum.medical.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.stratum.medical.phantom.PhantomSeries;
import ai.stratum.medical.phantom.PhantomSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C-STORE SCU against a real peer that accepts the connection and never answers. */
class StoreScuTimeoutTest {

  private static final int A_ASSOCIATE_RQ = 0x01;

  @Test
  void closesTheConnectionAndFailsWithTheTimeoutWhenThePeerNeverAnswers(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("ct.dcm");
    Files.write(file, PhantomSeries.of(PhantomSpec.small(77)).slice(0).toPart10());
    try (StalledPeer stalled = new StalledPeer(0)) {
      DicomPeer peer = new DicomPeer("127.0.0.1", stalled.port(), "STALLED", "STRATUM");

      assertThatThrownBy(() -> Dicom.storeScu().store(peer, file, Duration.ofSeconds(1)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("C-STORE to STALLED@127.0.0.1:")
          .hasMessageContaining("timed out after 1000 ms");

      await().atMost(Duration.ofSeconds(10)).until(() -> stalled.accepted().size() == 1);
      Socket peerSide = stalled.accepted().getFirst();
      // a read timeout only bounds the wait should the SCU have left the connection open
      peerSide.setSoTimeout(10_000);
      try (InputStream in = peerSide.getInputStream()) {
        byte[] received = in.readAllBytes();
        assertThat(received).isNotEmpty();
        assertThat(received[0]).isEqualTo((byte) A_ASSOCIATE_RQ);
      }
    }
  }
}
