package ai.stratum.finance.contract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlainDateTimeTest {

  @Test
  void readsTheSameInstantAsJavaTimeForPlainDateTimes() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L + 86_400, 253_402_300_799L - 86_400),
              random.nextInt(1_000_000_000));
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * random.nextInt(-17 * 60, 17 * 60 + 1));
      String fraction = "." + "%09d".formatted(instant.getNano()).substring(0, random.nextInt(10));
      String text =
          OffsetDateTime.ofInstant(instant, offset)
                  .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"))
              + (fraction.length() == 1 ? "" : fraction)
              + (offset.getTotalSeconds() == 0 && random.nextBoolean() ? "Z" : offset.getId());

      assertThat(PlainDateTime.parse(text))
          .as(text)
          .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @Test
  void leavesEverythingElseToJavaTime() {
    for (String other :
        new String[] {
          "2026-01-05t10:15:30Z",
          "2026-01-05T10:15:30z",
          "2026-01-05T10:15:30+18:00",
          "2026-01-05T10:15:30+01:00:30",
          "2026-01-05T10:15:30",
          "2026-01-05T10:15:30.Z",
          "2026-01-05T10:15:30.1234567891Z",
          "2026-02-29T10:15:30Z",
          "2024-02-30T10:15:30Z",
          "2026-13-05T10:15:30Z",
          "2026-01-05T24:00:00Z",
          "2026-01-05T23:59:60Z",
          "0000-01-05T10:15:30Z",
          "+2026-01-05T10:15:30Z",
          "2026-01-05 10:15:30Z",
          "yesterday"
        }) {
      assertThat(PlainDateTime.parse(other)).as(other).isNull();
    }
    assertThat(PlainDateTime.parse("2024-02-29T23:59:59.5-00:00"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
  }
}
