package ai.stratum.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process in the middle of a large object and checks what a crash leaves behind: no
 * object that is not complete, and a temp file that the next store opened on the root removes.
 */
class FileSystemContentStoreCrashTest {

  private static final long KILL_AFTER_BYTES = 32L * 1024 * 1024;

  @TempDir Path root;

  @Test
  void killedWriterLeavesNoTornObjectAndItsTempFileIsRemovedOnNextOpen() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    byte[] earlier = "stored before the crash".getBytes(StandardCharsets.UTF_8);
    ContentAddress earlierAddress = store.put(earlier);
    Path childLog = Files.createTempFile("endless-upload-writer", ".log");

    Process writer =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                EndlessUploadWriter.class.getName(),
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(childLog.toFile())
            .start();
    try {
      await("the child has written " + KILL_AFTER_BYTES + " bytes (log: " + childLog + ")")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(20))
          .failFast("the writer exited early", () -> !writer.isAlive())
          .until(() -> tempBytes() >= KILL_AFTER_BYTES);
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }

    assertThat(tempFiles()).as("the crash left its partial upload in .tmp").hasSize(1);
    assertThat(objectFiles())
        .as("every object in the store is complete")
        .allSatisfy(file -> assertThat(sha256(file)).isEqualTo(file.getFileName().toString()))
        .containsExactly(store.pathOf(earlierAddress));

    FileSystemContentStore reopened = new FileSystemContentStore(root);

    assertThat(tempFiles()).isEmpty();
    try (InputStream in = reopened.open(earlierAddress).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(earlier);
    }
    Files.deleteIfExists(childLog);
  }

  private long tempBytes() throws IOException {
    long total = 0;
    for (Path temp : tempFiles()) {
      total += Files.size(temp);
    }
    return total;
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(".tmp"))) {
      return files.toList();
    }
  }

  private List<Path> objectFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !file.startsWith(root.resolve(".tmp")))
          .toList();
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
