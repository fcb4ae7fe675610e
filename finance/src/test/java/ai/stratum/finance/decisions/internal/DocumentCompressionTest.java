package ai.stratum.finance.decisions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DocumentCompressionTest {

  // documents already stored refer to version 1 of the dictionary: its bytes must never change
  private static final String DICTIONARY_SHA256 =
      "d527b98f939f01c739db387c26fea35e5d407f7906c99367a60a43158178220c";

  private static final String DECISION =
      """
      {"transactionId":"t-unit-1","tenantId":"demo-bank","score":0.0123,"decision":"APPROVE",\
      "threshold":0.5,"modelVersion":"finance-risk:3","reasons":[{"code":"TIME_OF_DAY",\
      "feature":"is_night","value":1.0,"contribution":1.25},{"code":"CARD_SPEND_PROFILE",\
      "feature":"card_log_amount_mean","value":3.5,"contribution":0.26}],"features":214,\
      "receivedAt":"2026-11-27T07:57:49.130464836Z","decidedAt":"2026-11-27T07:57:49.271734428Z"}\
      """;

  @Test
  void givesBackTheExactBytesFromAFractionOfTheirSize() {
    byte[] document = DECISION.getBytes(StandardCharsets.UTF_8);

    byte[] stored = new DocumentCompression().compress(document);

    assertThat(DocumentCompression.decompress(stored)).isEqualTo(document);
    assertThat(stored.length).isLessThan(document.length / 3);
  }

  @Test
  void keepsNonAsciiTextAndDocumentsUnlikeTheDictionary() {
    byte[] document =
        "{\"note\":\"café \\\"quoted\\\" \\\\ ünïcode 漢字\",\"n\":[1,2,3]}"
            .getBytes(StandardCharsets.UTF_8);
    DocumentCompression compression = new DocumentCompression();

    byte[] first = compression.compress(document);
    byte[] again = compression.compress(document);

    assertThat(DocumentCompression.decompress(first)).isEqualTo(document);
    assertThat(again).as("a reused context gives the same bytes").isEqualTo(first);
  }

  @Test
  void refusesBytesOfAnotherDictionaryVersion() {
    byte[] stored = new DocumentCompression().compress(DECISION.getBytes(StandardCharsets.UTF_8));
    stored[0] = 2;

    assertThatThrownBy(() -> DocumentCompression.decompress(stored))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dictionary version 1");
  }

  @Test
  void dictionaryIsTheCommittedOneUnchanged() throws IOException, NoSuchAlgorithmException {
    try (InputStream in =
        getClass()
            .getResourceAsStream("/ai/stratum/finance/decisions/decision-dictionary-1.jsonl")) {
      assertThat(in).isNotNull();
      byte[] dictionary = in.readAllBytes();
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dictionary)))
          .isEqualTo(DICTIONARY_SHA256);
    }
  }
}
