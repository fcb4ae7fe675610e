package ai.stratum.core.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.audit.AuditVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static List<ChainLink> chain(int length) {
    List<ChainLink> links = new ArrayList<>();
    String previous = AuditHash.GENESIS;
    for (long sequence = 1; sequence <= length; sequence++) {
      Instant time = T0.plusSeconds(sequence);
      String details = "{\"n\":" + sequence + "}";
      String hash =
          AuditHash.of(previous, sequence, "acme", "alice", "act", "t" + sequence, details, time);
      links.add(
          new ChainLink(
              sequence, "acme", "alice", "act", "t" + sequence, details, time, previous, hash));
      previous = hash;
    }
    return links;
  }

  private static AuditVerification verify(List<ChainLink> links) {
    ChainVerifier verifier = new ChainVerifier();
    for (ChainLink link : links) {
      if (!verifier.accept(link)) {
        break;
      }
    }
    return verifier.result();
  }

  @Test
  void acceptsAnIntactChain() {
    AuditVerification result = verify(chain(5));

    assertThat(result.isIntact()).isTrue();
    assertThat(result.checkedEntries()).isEqualTo(5);
  }

  @Test
  void acceptsAnEmptyChain() {
    assertThat(verify(List.of())).isEqualTo(AuditVerification.intact(0));
  }

  @Test
  void namesTheEntryWhoseFieldsWereAltered() {
    List<ChainLink> links = chain(5);
    ChainLink original = links.get(2);
    links.set(
        2,
        new ChainLink(
            original.sequence(),
            original.tenant(),
            "mallory",
            original.action(),
            original.target(),
            original.details(),
            original.time(),
            original.previousHash(),
            original.hash()));

    AuditVerification result = verify(links);

    assertThat(result.firstBrokenSequence()).hasValue(3);
    assertThat(result.checkedEntries()).isEqualTo(2);
    assertThat(result.problem()).hasValue("entry 3 does not match its hash");
  }

  @Test
  void namesTheEntryAfterOneRewrittenWithAFreshHash() {
    List<ChainLink> links = chain(4);
    ChainLink original = links.get(1);
    String forgedHash =
        AuditHash.of(
            original.previousHash(),
            2,
            "acme",
            "mallory",
            original.action(),
            original.target(),
            original.details(),
            original.time());
    links.set(
        1,
        new ChainLink(
            2,
            "acme",
            "mallory",
            original.action(),
            original.target(),
            original.details(),
            original.time(),
            original.previousHash(),
            forgedHash));

    assertThat(verify(links).firstBrokenSequence()).hasValue(3);
  }

  @Test
  void namesAMissingEntry() {
    List<ChainLink> links = chain(4);
    links.remove(1);

    AuditVerification result = verify(links);

    assertThat(result.firstBrokenSequence()).hasValue(2);
    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("missing"));
  }
}
