package ai.stratum.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.stratum.core.TestSchemas;
import ai.stratum.core.audit.internal.JdbcAuditLog;
import ai.stratum.core.migration.CoreSchema;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.test.RealInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@RealInfrastructure
class AuditLogTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final String GENESIS = "0".repeat(64);

  private HikariDataSource dataSource;
  private JdbcTemplate jdbc;
  private AuditLog log;

  @BeforeEach
  void newChain() {
    String schema = TestSchemas.uniqueName("audit");
    dataSource = TestSchemas.pool(schema, 8);
    CoreSchema.migrate(dataSource, schema);
    jdbc = new JdbcTemplate(dataSource);
    log = new JdbcAuditLog(dataSource, Clock.systemUTC());
  }

  @AfterEach
  void closePool() {
    dataSource.close();
  }

  @Test
  void chainsEachEntryToThePreviousOneFromGenesis() {
    AuditEntry first = log.append(AuditEvent.of(ACME, "alice", "case.opened", "case:1"));
    AuditEntry second = log.append(AuditEvent.of(GLOBEX, "bob", "case.opened", "case:2"));
    AuditEntry third = log.append(AuditEvent.of(ACME, "alice", "case.closed", "case:1"));

    assertThat(List.of(first.sequence(), second.sequence(), third.sequence()))
        .containsExactly(1L, 2L, 3L);
    assertThat(first.previousHash()).isEqualTo(GENESIS);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(third.previousHash()).isEqualTo(second.hash());
    assertThat(log.verify()).isEqualTo(AuditVerification.intact(3));
  }

  @Test
  void verifiesAnEmptyLogAsIntact() {
    assertThat(log.verify()).isEqualTo(AuditVerification.intact(0));
  }

  @Test
  void keepsDetailsAndTimeExactlyAsHashed() {
    Clock clock = Clock.fixed(Instant.parse("2026-07-08T09:10:11.123456789Z"), ZoneOffset.UTC);
    AuditLog clocked = new JdbcAuditLog(dataSource, clock);

    AuditEntry appended =
        clocked.append(
            AuditEvent.of(
                ACME,
                "svc:learning",
                "model.promoted",
                "model:fraud-gbdt:7",
                Map.of("auc", 0.9731, "previous", 6, "reason", "drift on amount_z")));

    assertThat(appended.time()).isEqualTo(Instant.parse("2026-07-08T09:10:11.123456Z"));
    AuditEntry stored = log.page(ACME, 0, 10).entries().getFirst();
    assertThat(stored).isEqualTo(appended);
    assertThat(stored.details().get("reason").asString()).isEqualTo("drift on amount_z");
    assertThat(log.verify().isIntact()).isTrue();
  }

  @Test
  void concurrentAppendsFormOneLinearChain() {
    int threads = 8;
    int appendsPerThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String actor = "writer-" + t;
        writers.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < appendsPerThread; i++) {
                    log.append(AuditEvent.of(ACME, actor, "tick", "counter:" + i));
                  }
                },
                pool));
      }
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }

    long total = (long) threads * appendsPerThread;
    assertThat(jdbc.queryForList("SELECT sequence FROM stratum_audit_log ORDER BY 1", Long.class))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(log.verify()).isEqualTo(AuditVerification.intact(total));
  }

  @Test
  void refusesUpdateDeleteAndTruncateOfAuditRows() {
    log.append(AuditEvent.of(ACME, "alice", "case.opened", "case:1"));

    assertThatThrownBy(() -> jdbc.update("UPDATE stratum_audit_log SET actor = 'mallory'"))
        .isInstanceOf(DataIntegrityViolationException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM stratum_audit_log"))
        .isInstanceOf(DataIntegrityViolationException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.execute("TRUNCATE stratum_audit_log"))
        .isInstanceOf(DataIntegrityViolationException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThat(log.verify()).isEqualTo(AuditVerification.intact(1));
  }

  @Test
  void verifyNamesTheFirstTamperedRow() {
    for (int i = 1; i <= 5; i++) {
      log.append(AuditEvent.of(ACME, "alice", "case.viewed", "case:" + i));
    }

    bypassingTheTrigger("UPDATE stratum_audit_log SET actor = 'mallory' WHERE sequence = 3");

    AuditVerification result = log.verify();
    assertThat(result.isIntact()).isFalse();
    assertThat(result.firstBrokenSequence()).hasValue(3);
    assertThat(result.checkedEntries()).isEqualTo(2);
  }

  @Test
  void verifyDetectsTamperedDetails() {
    log.append(AuditEvent.of(ACME, "alice", "limit.changed", "account:9", Map.of("limit", 500)));
    log.append(AuditEvent.of(ACME, "alice", "limit.changed", "account:9", Map.of("limit", 900)));

    bypassingTheTrigger(
        "UPDATE stratum_audit_log SET details = '{\"limit\":50000}' WHERE sequence = 1");

    assertThat(log.verify().firstBrokenSequence()).hasValue(1);
  }

  @Test
  void verifyDetectsADeletedRow() {
    for (int i = 1; i <= 4; i++) {
      log.append(AuditEvent.of(GLOBEX, "bob", "report.signed", "report:" + i));
    }

    bypassingTheTrigger("DELETE FROM stratum_audit_log WHERE sequence = 2");

    AuditVerification result = log.verify();
    assertThat(result.firstBrokenSequence()).hasValue(2);
    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("missing"));
  }

  @Test
  void pagesThroughOneTenantsEntriesOnly() {
    for (int i = 1; i <= 5; i++) {
      log.append(AuditEvent.of(ACME, "alice", "case.viewed", "case:" + i));
      log.append(AuditEvent.of(GLOBEX, "bob", "case.viewed", "case:" + i));
    }

    AuditPage first = log.page(ACME, 0, 2);
    AuditPage second = log.page(ACME, first.nextAfter().orElseThrow(), 2);
    AuditPage last = log.page(ACME, second.nextAfter().orElseThrow(), 2);

    assertThat(first.entries()).extracting(AuditEntry::target).containsExactly("case:1", "case:2");
    assertThat(second.entries()).extracting(AuditEntry::target).containsExactly("case:3", "case:4");
    assertThat(last.entries()).extracting(AuditEntry::target).containsExactly("case:5");
    assertThat(last.nextAfter()).isEmpty();
    assertThat(List.of(first, second, last))
        .flatExtracting(AuditPage::entries)
        .extracting(AuditEntry::tenant)
        .containsOnly(ACME);
  }

  @Test
  void appendRollsBackWithTheCallersTransaction() {
    TransactionTemplate callerTransaction =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    callerTransaction.executeWithoutResult(status -> {
      log.append(AuditEvent.of(ACME, "alice", "case.deleted", "case:1"));
      status.setRollbackOnly();
    });

    assertThat(log.verify()).isEqualTo(AuditVerification.intact(0));
    assertThat(log.append(AuditEvent.of(ACME, "alice", "case.deleted", "case:1")).sequence())
        .isEqualTo(1);
  }

  /** What someone with table-owner rights could do: switch the trigger off, change, switch on. */
  private void bypassingTheTrigger(String sql) {
    jdbc.execute("ALTER TABLE stratum_audit_log DISABLE TRIGGER stratum_audit_log_append_only");
    jdbc.update(sql);
    jdbc.execute("ALTER TABLE stratum_audit_log ENABLE TRIGGER stratum_audit_log_append_only");
  }
}
