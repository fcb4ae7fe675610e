package ai.stratum.medical.dicomweb.internal;

import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.PayloadTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a {@code multipart/related} body (RFC 2387) one at a time, so a request of
 * many instances never sits in memory as a whole.
 */
public final class MultipartRelatedReader {

  /** One body part: its headers (lower-case names) and content, or {@code tooLarge}. */
  public record Part(Map<String, String> headers, byte[] content, boolean tooLarge) {

    public @Nullable String contentType() {
      return headers.get("content-type");
    }
  }

  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final InputStream in;
  private final byte[] delimiter;
  private final int[] failure;
  private final long maxRequestBytes;
  private final long maxPartBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long consumed;
  private boolean started;
  private boolean finished;

  public MultipartRelatedReader(
      InputStream in, String boundary, long maxRequestBytes, long maxPartBytes) {
    this.in = in;
    // the body is read as if preceded by CRLF, so the first boundary line matches like the others
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.failure = failureTable(delimiter);
    this.maxRequestBytes = maxRequestBytes;
    this.maxPartBytes = maxPartBytes;
    this.buffer[0] = '\r';
    this.buffer[1] = '\n';
    this.limit = 2;
  }

  /** The next part, or null after the closing boundary. */
  public @Nullable Part next() throws IOException {
    if (finished) {
      return null;
    }
    if (!started) {
      started = true;
      if (!skipTo(OutputStream.nullOutputStream())) {
        throw new InvalidRequestException("The multipart body has no boundary line.");
      }
    }
    int first = read();
    int second = read();
    if (first == '-' && second == '-') {
      finished = true;
      return null;
    }
    while (first == ' ' || first == '\t') {
      first = second;
      second = read();
    }
    if (first != '\r' || second != '\n') {
      throw new InvalidRequestException("Malformed multipart boundary line.");
    }
    Map<String, String> headers = readHeaders();
    BoundedOutput content = new BoundedOutput(maxPartBytes);
    if (!skipTo(content)) {
      throw new InvalidRequestException("The multipart body ends without a closing boundary.");
    }
    return new Part(headers, content.toByteArray(), content.overflowed);
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = read();
      if (b < 0) {
        throw new InvalidRequestException("The multipart body ends inside part headers.");
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new InvalidRequestException("Part headers are too long.");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).strip();
        line.reset();
        if (text.isEmpty()) {
          return headers;
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
          headers.put(
              text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              text.substring(colon + 1).strip());
        }
      } else {
        line.write(b);
      }
    }
  }

  /**
   * Copies bytes to {@code sink} up to the next delimiter (Knuth-Morris-Pratt over the stream).
   * Returns false at the end of the stream.
   */
  private boolean skipTo(OutputStream sink) throws IOException {
    int matched = 0;
    while (true) {
      if (position == limit && !fill()) {
        sink.write(delimiter, 0, matched);
        return false;
      }
      if (matched == 0) {
        // copy the run up to the next possible delimiter start in one go
        int start = position;
        while (position < limit && buffer[position] != delimiter[0]) {
          position++;
        }
        sink.write(buffer, start, position - start);
        if (position == limit) {
          continue;
        }
      }
      byte b = buffer[position++];
      while (matched > 0 && b != delimiter[matched]) {
        int keep = failure[matched - 1];
        sink.write(delimiter, 0, matched - keep);
        matched = keep;
      }
      if (b == delimiter[matched]) {
        matched++;
        if (matched == delimiter.length) {
          return true;
        }
      } else {
        sink.write(b);
      }
    }
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xFF;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    consumed += n;
    if (consumed > maxRequestBytes) {
      throw new PayloadTooLargeException(maxRequestBytes);
    }
    position = 0;
    limit = n;
    return true;
  }

  private static int[] failureTable(byte[] pattern) {
    int[] table = new int[pattern.length];
    int k = 0;
    for (int i = 1; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = table[k - 1];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      table[i] = k;
    }
    return table;
  }

  /** Collects up to {@code bound} bytes and remembers whether more came. */
  private static final class BoundedOutput extends ByteArrayOutputStream {

    private final long bound;
    private boolean overflowed;

    BoundedOutput(long bound) {
      super(64 * 1024);
      this.bound = bound;
    }

    @Override
    public void write(int b) {
      if (count + 1L > bound) {
        overflowed = true;
        return;
      }
      super.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (count + (long) length > bound) {
        overflowed = true;
        return;
      }
      super.write(bytes, offset, length);
    }
  }
}
