package ai.stratum.finance.contract.internal;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * RFC 3339 date-times in their plain form, read by hand: {@code
 * yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:mm|-HH:mm)} with upper-case T and Z, no leap second, a real
 * calendar day and an offset within a day. {@code OffsetDateTime.parse} took about 5% of the
 * scoring thread; this reads the same instant without its formatter machinery. Anything else is
 * left to {@code java.time} by the caller.
 */
public final class PlainDateTime {

  private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private PlainDateTime() {}

  /** The instant {@code s} names, or null if {@code s} is not in the plain form. */
  public static @Nullable Instant parse(String s) {
    int n = s.length();
    if (n < 20
        || !digits(s, 0, 4)
        || s.charAt(4) != '-'
        || !digits(s, 5, 7)
        || s.charAt(7) != '-'
        || !digits(s, 8, 10)
        || s.charAt(10) != 'T'
        || !digits(s, 11, 13)
        || s.charAt(13) != ':'
        || !digits(s, 14, 16)
        || s.charAt(16) != ':'
        || !digits(s, 17, 19)) {
      return null;
    }
    int year = Integer.parseInt(s, 0, 4, 10);
    int month = Integer.parseInt(s, 5, 7, 10);
    int day = Integer.parseInt(s, 8, 10, 10);
    int hour = Integer.parseInt(s, 11, 13, 10);
    int minute = Integer.parseInt(s, 14, 16, 10);
    int second = Integer.parseInt(s, 17, 19, 10);
    if (year < 1
        || month < 1
        || month > 12
        || day < 1
        || day > DAYS_IN_MONTH[month - 1]
        || (month == 2 && day == 29 && !leap(year))
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i - start > 9) {
        return null;
      }
      nanos = Integer.parseInt(s, start, i, 10) * NANOS_PER_DIGIT[i - start - 1];
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6
        && (s.charAt(i) == '+' || s.charAt(i) == '-')
        && digits(s, i + 1, i + 3)
        && s.charAt(i + 3) == ':'
        && digits(s, i + 4, i + 6)) {
      int offsetHours = Integer.parseInt(s, i + 1, i + 3, 10);
      int offsetMinutes = Integer.parseInt(s, i + 4, i + 6, 10);
      if (offsetHours > 17 || offsetMinutes > 59) {
        return null;
      }
      int magnitude = offsetHours * 3600 + offsetMinutes * 60;
      offsetSeconds = s.charAt(i) == '-' ? -magnitude : magnitude;
    } else {
      return null;
    }
    long epochSecond =
        LocalDate.of(year, month, day).toEpochDay() * 86_400L
            + hour * 3_600L
            + minute * 60L
            + second
            - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static boolean leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
