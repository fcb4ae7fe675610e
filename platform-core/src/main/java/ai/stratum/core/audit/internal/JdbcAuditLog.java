package ai.stratum.core.audit.internal;

import ai.stratum.core.audit.AuditEntry;
import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.audit.AuditPage;
import ai.stratum.core.audit.AuditVerification;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AuditLog} on the {@code stratum_audit_log} table (see {@code db/stratum-core}). An append
 * takes a transaction-scoped advisory lock keyed by the table's OID, reads the chain head and
 * inserts the next link, so concurrent appends from any number of JVMs form one linear chain; the
 * primary key on {@code sequence} and the unique {@code previous_hash} make a fork impossible even
 * if the lock were bypassed.
 */
public final class JdbcAuditLog implements AuditLog {

  private static final int MAX_PAGE = 1000;
  private static final int VERIFY_FETCH_SIZE = 1000;
  private static final String COLUMNS =
      "sequence, tenant, actor, action, target, details, recorded_at, previous_hash, hash";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate appendTransaction;
  private final TransactionTemplate readTransaction;
  private final Clock clock;

  public JdbcAuditLog(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    // a manager of our own still joins a caller's transaction on the same DataSource (JDBC or JPA)
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    this.appendTransaction = new TransactionTemplate(transactions);
    this.readTransaction = new TransactionTemplate(transactions);
    this.readTransaction.setReadOnly(true);
    this.clock = clock;
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    String details = CanonicalJson.write(event.details());
    AuditEntry entry =
        appendTransaction.execute(status -> {
          jdbc.execute("SELECT pg_advisory_xact_lock('stratum_audit_log'::regclass::oid::bigint)");
          List<Head> head =
              jdbc.query(
                  "SELECT sequence, hash FROM stratum_audit_log ORDER BY sequence DESC LIMIT 1",
                  (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
          long sequence = head.isEmpty() ? 1 : head.getFirst().sequence() + 1;
          String previousHash = head.isEmpty() ? AuditHash.GENESIS : head.getFirst().hash();
          Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
          String hash =
              AuditHash.of(
                  previousHash,
                  sequence,
                  event.tenant().value(),
                  event.actor(),
                  event.action(),
                  event.target(),
                  details,
                  time);
          jdbc.update(
              "INSERT INTO stratum_audit_log ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?::json, ?, ?, ?)",
              sequence,
              event.tenant().value(),
              event.actor(),
              event.action(),
              event.target(),
              details,
              OffsetDateTime.ofInstant(time, ZoneOffset.UTC),
              previousHash,
              hash);
          return new AuditEntry(
              sequence,
              event.tenant(),
              event.actor(),
              event.action(),
              event.target(),
              StratumJson.mapper().readTree(details),
              time,
              previousHash,
              hash);
        });
    if (entry == null) {
      throw new IllegalStateException("audit append returned no entry");
    }
    return entry;
  }

  @Override
  public AuditVerification verify() {
    AuditVerification result =
        readTransaction.execute(status ->
            jdbc.query(
                connection -> {
                  var statement =
                      connection.prepareStatement(
                          "SELECT " + COLUMNS + " FROM stratum_audit_log ORDER BY sequence");
                  // a cursor rather than the whole table in memory
                  statement.setFetchSize(VERIFY_FETCH_SIZE);
                  return statement;
                },
                rs -> {
                  ChainVerifier verifier = new ChainVerifier();
                  boolean intactSoFar = true;
                  while (intactSoFar && rs.next()) {
                    intactSoFar = verifier.accept(link(rs));
                  }
                  return verifier.result();
                }));
    if (result == null) {
      throw new IllegalStateException("audit verification returned no result");
    }
    return result;
  }

  @Override
  public AuditPage page(TenantId tenant, long afterSequence, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ": " + limit);
    }
    List<AuditEntry> rows =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM stratum_audit_log WHERE tenant = ? AND sequence > ?"
                + " ORDER BY sequence LIMIT ?",
            (rs, row) -> entry(link(rs)),
            tenant.value(),
            afterSequence,
            limit + 1);
    if (rows.size() <= limit) {
      return new AuditPage(rows, OptionalLong.empty());
    }
    List<AuditEntry> page = rows.subList(0, limit);
    return new AuditPage(page, OptionalLong.of(page.getLast().sequence()));
  }

  private record Head(long sequence, String hash) {}

  private static ChainLink link(ResultSet rs) throws SQLException {
    return new ChainLink(
        rs.getLong("sequence"),
        rs.getString("tenant"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("details"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  private static AuditEntry entry(ChainLink link) {
    return new AuditEntry(
        link.sequence(),
        TenantId.of(link.tenant()),
        link.actor(),
        link.action(),
        link.target(),
        StratumJson.mapper().readTree(link.details()),
        link.time(),
        link.previousHash(),
        link.hash());
  }
}
