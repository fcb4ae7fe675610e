package ai.stratum.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed blob storage: an object's address is the SHA-256 of its bytes, so writing the
 * same bytes twice stores them once and a reader can verify what it got.
 */
public interface ContentStore {

  /**
   * Stores the stream's bytes atomically and returns their address; a reader never sees a partial
   * object.
   */
  ContentAddress put(InputStream content) throws IOException;

  default ContentAddress put(byte[] content) throws IOException {
    return put(new java.io.ByteArrayInputStream(content));
  }

  /** Opens the object, or empty when no object has that address. */
  Optional<InputStream> open(ContentAddress address) throws IOException;

  boolean contains(ContentAddress address);

  /** Size in bytes, or empty when absent. */
  Optional<Long> size(ContentAddress address) throws IOException;
}
