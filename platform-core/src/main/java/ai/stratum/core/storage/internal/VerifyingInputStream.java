package ai.stratum.core.storage.internal;

import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.CorruptObjectException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what the reader consumes and, on reaching the end, fails with {@link
 * CorruptObjectException} instead of returning end-of-stream when the bytes do not match their
 * address.
 */
public final class VerifyingInputStream extends FilterInputStream {

  private final ContentAddress expected;
  private final MessageDigest digest = Sha256.newDigest();
  private boolean verified;

  public VerifyingInputStream(InputStream in, ContentAddress expected) {
    super(in);
    this.expected = expected;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verify();
    } else {
      digest.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      verify();
    } else {
      digest.update(buffer, offset, n);
    }
    return n;
  }

  /** Skipped bytes are still hashed, so skipping cannot bypass verification. */
  @Override
  public long skip(long n) throws IOException {
    byte[] discard = new byte[(int) Math.min(8192, Math.max(n, 0))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readLimit) {
    // marking would let a reader re-read bytes that were already hashed
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    verified = true;
    ContentAddress actual = ContentAddress.of(digest.digest());
    if (!actual.equals(expected)) {
      throw new CorruptObjectException(expected, actual);
    }
  }
}
