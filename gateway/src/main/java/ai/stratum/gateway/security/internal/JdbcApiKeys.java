package ai.stratum.gateway.security.internal;

import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CredentialType;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKey;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.gateway.security.IssuedApiKey;
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
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ApiKeys} on the {@code api_key} table. */
@Component
class JdbcApiKeys implements ApiKeys {

  private static final String COLUMNS =
      "id, tenant, name, roles, created_by, created_at, revoked_at";

  private final JdbcClient jdbc;
  private final Tenants tenants;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();

  JdbcApiKeys(JdbcClient jdbc, Tenants tenants, AuditLog audit) {
    this.jdbc = jdbc;
    this.tenants = tenants;
    this.audit = audit;
  }

  @Override
  @Transactional
  public IssuedApiKey create(TenantId tenant, String name, Set<Role> roles, String actor) {
    tenants.require(tenant);
    if (roles.isEmpty()) {
      throw new InvalidRequestException("An API key needs at least one role.");
    }
    if (name.isBlank()) {
      throw new InvalidRequestException("An API key needs a name.");
    }
    String id = ApiKeyTokens.newId();
    String secret = ApiKeyTokens.newSecret();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            "INSERT INTO api_key (id, tenant, name, secret_hash, roles, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            tenant.value(),
            name.strip(),
            ApiKeyTokens.hash(secret),
            Roles.toColumn(roles),
            actor,
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .update();
    audit.append(
        AuditEvent.of(
            tenant,
            actor,
            "api-key.created",
            "api-key:" + id,
            Map.of("name", name.strip(), "roles", List.of(Roles.toColumn(roles)))));
    ApiKey key = new ApiKey(id, tenant, name.strip(), roles, actor, now, null);
    return new IssuedApiKey(key, ApiKeyTokens.format(id, secret));
  }

  @Override
  public List<ApiKey> list(TenantId tenant) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM api_key WHERE tenant = ? ORDER BY created_at DESC, id")
        .param(tenant.value())
        .query(JdbcApiKeys::row)
        .list();
  }

  @Override
  @Transactional
  public ApiKey revoke(TenantId tenant, String keyId, String actor) {
    int revoked =
        jdbc.sql(
                "UPDATE api_key SET revoked_at = ? WHERE id = ? AND tenant = ?"
                    + " AND revoked_at IS NULL")
            .params(OffsetDateTime.now(clock), keyId, tenant.value())
            .update();
    ApiKey key =
        jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = ? AND tenant = ?")
            .params(keyId, tenant.value())
            .query(JdbcApiKeys::row)
            .optional()
            .orElseThrow(() -> new NotFoundException("API key", keyId));
    if (revoked == 1) {
      audit.append(AuditEvent.of(tenant, actor, "api-key.revoked", "api-key:" + keyId));
    }
    return key;
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    return ApiKeyTokens.parse(token)
        .flatMap(parsed ->
            jdbc.sql(
                    "SELECT tenant, roles, secret_hash FROM api_key"
                        + " WHERE id = ? AND revoked_at IS NULL")
                .param(parsed.id())
                .query((rs, row) ->
                    new StoredKey(
                        TenantId.of(rs.getString("tenant")),
                        Roles.fromColumn(rs.getArray("roles")),
                        rs.getBytes("secret_hash")))
                .optional()
                .filter(stored -> ApiKeyTokens.matches(parsed.secret(), stored.secretHash()))
                .map(stored ->
                    new Caller(
                        "key:" + parsed.id(),
                        stored.tenant(),
                        stored.roles(),
                        CredentialType.API_KEY)));
  }

  private record StoredKey(TenantId tenant, Set<Role> roles, byte[] secretHash) {}

  private static ApiKey row(ResultSet rs, int row) throws SQLException {
    OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
    return new ApiKey(
        rs.getString("id"),
        TenantId.of(rs.getString("tenant")),
        rs.getString("name"),
        Roles.fromColumn(rs.getArray("roles")),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        revokedAt == null ? null : revokedAt.toInstant());
  }
}
