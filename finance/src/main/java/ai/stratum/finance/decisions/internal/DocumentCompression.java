package ai.stratum.finance.decisions.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Decision documents as stored in PostgreSQL: a version byte naming the dictionary, then a zstd
 * frame compressed against it. The dictionary is the first 32 KB of decisions of a simulated stream
 * (6 alerts, then approvals, as JSON lines); decisions repeat its field names, reason codes and
 * feature names, so an 856-byte document takes about 150 bytes where zstd alone leaves 490. A
 * dictionary is never changed once documents refer to it: a new one gets the next version and the
 * old one stays readable.
 */
public final class DocumentCompression {

  private static final byte DICTIONARY_VERSION = 1;
  private static final int LEVEL = 1;
  private static final byte[] DICTIONARY = dictionary(DICTIONARY_VERSION);
  private static final ZstdDictDecompress DECOMPRESSION = new ZstdDictDecompress(DICTIONARY);

  private final ZstdCompressCtx context = new ZstdCompressCtx();

  /** A compressor for one thread: its zstd context is reused from document to document. */
  public DocumentCompression() {
    // the level travels with the prepared dictionary; the size in the frame lets a reader allocate
    // exactly
    context.loadDict(new ZstdDictCompress(DICTIONARY, LEVEL));
    context.setContentSize(true);
  }

  public byte[] compress(byte[] document) {
    byte[] frame = context.compress(document);
    byte[] stored = new byte[frame.length + 1];
    stored[0] = DICTIONARY_VERSION;
    System.arraycopy(frame, 0, stored, 1, frame.length);
    return stored;
  }

  /** The document bytes exactly as they were compressed; safe from any thread. */
  public static byte[] decompress(byte[] stored) {
    if (stored.length < 2 || stored[0] != DICTIONARY_VERSION) {
      throw new IllegalArgumentException(
          "not a decision document of dictionary version " + DICTIONARY_VERSION);
    }
    byte[] frame = new byte[stored.length - 1];
    System.arraycopy(stored, 1, frame, 0, frame.length);
    long size = Zstd.getFrameContentSize(frame);
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a decision document frame without its size");
    }
    return Zstd.decompress(frame, DECOMPRESSION, (int) size);
  }

  private static byte[] dictionary(int version) {
    String resource = "/ai/stratum/finance/decisions/decision-dictionary-" + version + ".jsonl";
    try (InputStream in = DocumentCompression.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
