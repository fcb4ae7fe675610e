package ai.stratum.gateway.tenancy.internal;

import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.ConflictException;
import ai.stratum.gateway.tenancy.Tenant;
import ai.stratum.gateway.tenancy.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link Tenants} on the {@code tenant} table. */
@Component
class JdbcTenants implements Tenants {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;

  JdbcTenants(JdbcClient jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = Clock.systemUTC();
  }

  @Override
  @Transactional
  public Tenant create(TenantId id, String name, String actor) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)")
          .params(id.value(), name, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException taken) {
      throw new ConflictException("Tenant '" + id + "' exists already.");
    }
    audit.append(AuditEvent.of(id, actor, "tenant.created", "tenant:" + id, Map.of("name", name)));
    return new Tenant(id, name, now);
  }

  @Override
  public List<Tenant> list() {
    return jdbc.sql("SELECT id, name, created_at FROM tenant ORDER BY id").query(this::row).list();
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return jdbc.sql("SELECT id, name, created_at FROM tenant WHERE id = ?")
        .param(id.value())
        .query(this::row)
        .optional();
  }

  private Tenant row(ResultSet rs, int row) throws SQLException {
    return new Tenant(
        TenantId.of(rs.getString("id")),
        rs.getString("name"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
