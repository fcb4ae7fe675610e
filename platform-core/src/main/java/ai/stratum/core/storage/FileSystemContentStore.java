package ai.stratum.core.storage;

import ai.stratum.core.storage.internal.Sha256;
import ai.stratum.core.storage.internal.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ContentStore} on a local (or mounted) file system. Object {@code <sha256>} lives at
 * {@code root/<first 2 hex>/<next 2 hex>/<sha256>}.
 *
 * <p>A write streams into a temp file under {@code root/.tmp} (same file system, so the final
 * rename is atomic), fsyncs it, renames it into place with {@code ATOMIC_MOVE} and fsyncs the
 * directory. A crash at any point therefore leaves either the complete object or nothing at its
 * address; what it can leave is a temp file, which the next store opened on the root deletes. Temp
 * files are named after the host and process that write them, so a store only deletes temp files of
 * processes on its host that have exited, never those of a concurrent writer.
 */
public final class FileSystemContentStore implements ContentStore {

  private static final Logger log = LoggerFactory.getLogger(FileSystemContentStore.class);
  private static final String TEMP_DIRECTORY = ".tmp";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Path root;
  private final Path tempDirectory;
  private final String host;
  private final long pid;

  /**
   * Opens (creating if needed) a store at {@code root} and removes temp files that crashed writers
   * left there.
   */
  public FileSystemContentStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.tempDirectory = this.root.resolve(TEMP_DIRECTORY);
    this.host = hostName();
    this.pid = ProcessHandle.current().pid();
    Files.createDirectories(tempDirectory);
    removeAbandonedTempFiles();
  }

  public Path root() {
    return root;
  }

  @Override
  public ContentAddress put(InputStream content) throws IOException {
    Path temp = tempDirectory.resolve(host + "_" + pid + "_" + UUID.randomUUID() + TEMP_SUFFIX);
    ContentAddress address;
    try {
      address = writeDurably(content, temp);
      Path target = pathOf(address);
      if (Files.isRegularFile(target)) {
        Files.delete(temp);
        return address;
      }
      ensureDirectory(target.getParent().getParent());
      ensureDirectory(target.getParent());
      // if a concurrent writer placed the same object first, the rename replaces it with identical
      // bytes
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      fsync(target.getParent());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return address;
  }

  @Override
  public Optional<InputStream> open(ContentAddress address) throws IOException {
    try {
      return Optional.of(new VerifyingInputStream(Files.newInputStream(pathOf(address)), address));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean contains(ContentAddress address) {
    return Files.isRegularFile(pathOf(address));
  }

  @Override
  public Optional<Long> size(ContentAddress address) throws IOException {
    try {
      return Optional.of(Files.size(pathOf(address)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Where the object with this address is (or would be) stored. */
  public Path pathOf(ContentAddress address) {
    String hex = address.sha256();
    return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  private static ContentAddress writeDurably(InputStream content, Path temp) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[BUFFER_SIZE];
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      int n;
      while ((n = content.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          channel.write(chunk);
        }
      }
      channel.force(true);
    }
    if (!temp.toFile().setReadOnly()) {
      throw new IOException("cannot make " + temp + " read-only");
    }
    return ContentAddress.of(digest.digest());
  }

  /** Creates the directory if missing and makes its entry in the parent durable. */
  private static void ensureDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectory(directory);
    } catch (FileAlreadyExistsException e) {
      // created concurrently; its creator syncs the parent
      return;
    }
    fsync(directory.getParent());
  }

  private static void fsync(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private void removeAbandonedTempFiles() throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(tempDirectory, "*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        if (isAbandoned(temp.getFileName().toString())) {
          Files.deleteIfExists(temp);
          log.info("Removed temp file {} left by a crashed writer", temp);
        }
      }
    }
  }

  private boolean isAbandoned(String tempName) {
    String[] parts = tempName.split("_", -1);
    if (parts.length != 3 || !parts[0].equals(host)) {
      return false;
    }
    try {
      long writer = Long.parseLong(parts[1]);
      return writer != pid && ProcessHandle.of(writer).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String hostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot determine the host name for temp file ownership", e);
    }
    return name.replaceAll("[^A-Za-z0-9.-]", "-");
  }
}
