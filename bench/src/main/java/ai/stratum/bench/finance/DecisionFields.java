package ai.stratum.bench.finance;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The few fields of a published decision the latency reader needs, read from its bytes. The reader
 * shares the two cores with the system it measures: decoding each decision and parsing its two
 * instants with {@code Instant.parse} took 6% of a core and 70 MB/s of garbage at 8,000
 * decisions/s.
 */
final class DecisionFields {

  private static final byte[] TRANSACTION_ID = bytes("\"transactionId\":\"");
  private static final byte[] RECEIVED_AT = bytes("\"receivedAt\":\"");
  private static final byte[] DECIDED_AT = bytes("\"decidedAt\":\"");
  // the instants are a decision's last fields, the transaction id its first
  private static final int TAIL = 160;
  private static final int HEAD = 200;

  private DecisionFields() {}

  static String transactionId(byte[] decision) {
    int start = indexAfter(decision, 0, Math.min(decision.length, HEAD), TRANSACTION_ID);
    int end = start;
    while (decision[end] != '"') {
      end++;
    }
    return new String(decision, start, end - start, StandardCharsets.US_ASCII);
  }

  static long receivedAtMillis(byte[] decision) {
    return epochMillis(
        decision, indexAfter(decision, decision.length - TAIL, decision.length, RECEIVED_AT));
  }

  static long decidedAtMillis(byte[] decision) {
    return epochMillis(
        decision, indexAfter(decision, decision.length - TAIL, decision.length, DECIDED_AT));
  }

  /**
   * An instant as ISO-8601 UTC with 0, 3, 6 or 9 fraction digits ({@code Instant.toString}, and
   * Jackson's form), e.g. {@code 2026-06-01T10:15:30.123456Z}, in epoch milliseconds.
   */
  static long epochMillis(byte[] text, int at) {
    long day =
        LocalDate.of(number(text, at, 4), number(text, at + 5, 2), number(text, at + 8, 2))
            .toEpochDay();
    long second =
        day * 86_400
            + number(text, at + 11, 2) * 3_600L
            + number(text, at + 14, 2) * 60L
            + number(text, at + 17, 2);
    int millis = text[at + 19] == '.' ? number(text, at + 20, 3) : 0;
    return second * 1_000 + millis;
  }

  private static int number(byte[] text, int at, int digits) {
    int value = 0;
    for (int i = at; i < at + digits; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new IllegalArgumentException("not a digit at " + i + " of a decision");
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static int indexAfter(byte[] data, int from, int to, byte[] pattern) {
    search:
    for (int i = Math.max(0, from); i <= to - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue search;
        }
      }
      return i + pattern.length;
    }
    throw new IllegalArgumentException(
        "a decision without " + new String(pattern, StandardCharsets.US_ASCII));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
