package ai.stratum.core.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Child process of {@link FileSystemContentStoreCrashTest}: writes a never-ending object into the
 * store at {@code args[0]} until the test kills it.
 */
public final class EndlessUploadWriter {

  private EndlessUploadWriter() {}

  public static void main(String[] args) throws Exception {
    FileSystemContentStore store = new FileSystemContentStore(Path.of(args[0]));
    SplittableRandom random = new SplittableRandom(42);
    store.put(
        new InputStream() {
          @Override
          public int read() {
            return random.nextInt(256);
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
              buffer[i] = (byte) random.nextInt(256);
            }
            return length;
          }
        });
    throw new IllegalStateException("an endless upload cannot finish");
  }
}
