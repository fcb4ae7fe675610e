package ai.stratum.core.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditHashTest {

  private static final Instant TIME = Instant.parse("2026-02-03T04:05:06.123456Z");

  private static String hash(String actor, String action, String target) {
    return AuditHash.of(AuditHash.GENESIS, 1, "acme", actor, action, target, "{}", TIME);
  }

  @Test
  void isSha256HexAndDeterministic() {
    String first = hash("alice", "model.promoted", "model:fraud:7");

    assertThat(first).matches("[0-9a-f]{64}");
    assertThat(hash("alice", "model.promoted", "model:fraud:7")).isEqualTo(first);
  }

  @Test
  void changesWhenAnyFieldChanges() {
    String base = AuditHash.of(AuditHash.GENESIS, 1, "acme", "alice", "a", "t", "{}", TIME);

    assertThat(AuditHash.of("1".repeat(64), 1, "acme", "alice", "a", "t", "{}", TIME))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(AuditHash.GENESIS, 2, "acme", "alice", "a", "t", "{}", TIME))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(AuditHash.GENESIS, 1, "acmf", "alice", "a", "t", "{}", TIME))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(AuditHash.GENESIS, 1, "acme", "alice", "a", "t", "{\"x\":1}", TIME))
        .isNotEqualTo(base);
    assertThat(
            AuditHash.of(
                AuditHash.GENESIS, 1, "acme", "alice", "a", "t", "{}", TIME.plusNanos(1000)))
        .isNotEqualTo(base);
  }

  @Test
  void movingTextAcrossFieldBoundariesChangesTheHash() {
    assertThat(hash("ab", "c", "t")).isNotEqualTo(hash("a", "bc", "t"));
    assertThat(hash("a", "", "t")).isNotEqualTo(hash("", "a", "t"));
  }
}
