package ai.stratum.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemContentStoreTest {

  @TempDir Path root;

  @Test
  void storesObjectUnderItsSha256InTwoLevelFanOut() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    byte[] bytes = "chest CT, 512 slices".getBytes(StandardCharsets.UTF_8);

    ContentAddress address = store.put(bytes);

    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(address.sha256()).isEqualTo(sha);
    assertThat(root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha))
        .isRegularFile()
        .hasBinaryContent(bytes);
    assertThat(store.contains(address)).isTrue();
    assertThat(store.size(address)).hasValue((long) bytes.length);
    try (InputStream in = store.open(address).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void storesTheSameBytesOnce() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);

    ContentAddress first = store.put("same".getBytes(StandardCharsets.UTF_8));
    ContentAddress second = store.put("same".getBytes(StandardCharsets.UTF_8));

    assertThat(second).isEqualTo(first);
    assertThat(objectFiles()).hasSize(1);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void reportsAbsentObjectsAsEmpty() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    ContentAddress absent = new ContentAddress("ab".repeat(32));

    assertThat(store.contains(absent)).isFalse();
    assertThat(store.open(absent)).isEmpty();
    assertThat(store.size(absent)).isEmpty();
  }

  @Test
  void storesAnEmptyObject() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);

    ContentAddress address = store.put(new byte[0]);

    assertThat(address.sha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(store.size(address)).hasValue(0L);
  }

  @Test
  void rejectsReadingAnObjectAlteredOnDisk() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    ContentAddress address = store.put("original bytes".getBytes(StandardCharsets.UTF_8));
    Path file = store.pathOf(address);
    assertThat(file.toFile().setWritable(true)).isTrue();
    Files.writeString(file, "altered  bytes");

    try (InputStream in = store.open(address).orElseThrow()) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(CorruptObjectException.class)
          .hasMessageContaining(address.sha256());
    }
  }

  @Test
  void storedObjectsAreReadOnly() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    ContentAddress address = store.put("immutable".getBytes(StandardCharsets.UTF_8));

    // checked on the permission bits: the test may run as root, for whom every file is writable
    assertThat(Files.getPosixFilePermissions(store.pathOf(address)))
        .doesNotContain(
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
  }

  @Test
  void leavesNoTempFileWhenTheSourceStreamFails() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ > 1000) {
              throw new IOException("upload aborted");
            }
            return 'x';
          }
        };

    assertThatThrownBy(() -> store.put(failing)).hasMessage("upload aborted");
    assertThat(tempFiles()).isEmpty();
    assertThat(objectFiles()).isEmpty();
  }

  @Test
  void openingAnotherStoreKeepsTheTempFileOfALiveWriter() throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(root);
    CountDownLatch release = new CountDownLatch(1);
    InputStream slowUpload =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served == 100_000) {
              awaitRelease(release);
            }
            if (served == 100_010) {
              return -1;
            }
            served++;
            return 0;
          }
        };
    CompletableFuture<ContentAddress> upload =
        CompletableFuture.supplyAsync(() -> {
          try {
            return store.put(slowUpload);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> !tempFiles().isEmpty());

    new FileSystemContentStore(root);
    assertThat(tempFiles()).hasSize(1);
    release.countDown();

    ContentAddress address = upload.join();
    assertThat(store.size(address)).hasValue(100_010L);
    assertThat(tempFiles()).isEmpty();
  }

  private static void awaitRelease(CountDownLatch release) throws IOException {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private List<Path> objectFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(root.resolve(".tmp")))
          .toList();
    }
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(".tmp"))) {
      return files.toList();
    }
  }
}
