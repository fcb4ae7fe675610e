package ai.stratum.gateway.security.internal;

import ai.stratum.core.audit.AuditEvent;
import ai.stratum.core.audit.AuditLog;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.ConflictException;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.core.web.NotFoundException;
import ai.stratum.gateway.identity.Caller;
import ai.stratum.gateway.identity.CredentialType;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ConsoleUser;
import ai.stratum.gateway.security.ConsoleUsers;
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
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ConsoleUsers} on the {@code console_user} table, and password checks at login. */
@Component
class JdbcConsoleUsers implements ConsoleUsers {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final String COLUMNS = "username, tenant, roles, enabled, created_at";

  private final JdbcClient jdbc;
  private final Tenants tenants;
  private final AuditLog audit;
  private final PasswordEncoder passwords;
  private final Clock clock = Clock.systemUTC();

  /**
   * Compared against when the username is unknown, so a login takes as long whether or not the user
   * exists.
   */
  private final String unknownUserHash;

  JdbcConsoleUsers(JdbcClient jdbc, Tenants tenants, AuditLog audit, PasswordEncoder passwords) {
    this.jdbc = jdbc;
    this.tenants = tenants;
    this.audit = audit;
    this.passwords = passwords;
    this.unknownUserHash = passwords.encode(ApiKeyTokens.newSecret());
  }

  @Override
  @Transactional
  public ConsoleUser create(
      String username, TenantId tenant, Set<Role> roles, String password, String actor) {
    tenants.require(tenant);
    if (!USERNAME.matcher(username).matches()) {
      throw new InvalidRequestException(
          "A username is 1-63 lower-case letters, digits, '.', '_' or '-'.");
    }
    requireRoles(roles);
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new InvalidRequestException(
          "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              "INSERT INTO console_user (username, tenant, password_hash, roles, enabled, created_at)"
                  + " VALUES (?, ?, ?, ?, true, ?)")
          .params(
              username,
              tenant.value(),
              passwords.encode(password),
              Roles.toColumn(roles),
              OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException taken) {
      throw new ConflictException("User '" + username + "' exists already.");
    }
    audit.append(
        AuditEvent.of(
            tenant,
            actor,
            "user.created",
            "user:" + username,
            Map.of("roles", List.of(Roles.toColumn(roles)))));
    return new ConsoleUser(username, tenant, roles, true, now);
  }

  @Override
  public List<ConsoleUser> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM console_user ORDER BY tenant, username")
        .query(JdbcConsoleUsers::row)
        .list();
  }

  @Override
  public Optional<ConsoleUser> find(String username) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM console_user WHERE username = ?")
        .param(username)
        .query(JdbcConsoleUsers::row)
        .optional();
  }

  @Override
  @Transactional
  public ConsoleUser changeRoles(String username, Set<Role> roles, String actor) {
    requireRoles(roles);
    ConsoleUser user = require(username);
    jdbc.sql("UPDATE console_user SET roles = ? WHERE username = ?")
        .params(Roles.toColumn(roles), username)
        .update();
    audit.append(
        AuditEvent.of(
            user.tenant(),
            actor,
            "user.roles-changed",
            "user:" + username,
            Map.of("roles", List.of(Roles.toColumn(roles)))));
    return new ConsoleUser(username, user.tenant(), roles, user.enabled(), user.createdAt());
  }

  @Override
  @Transactional
  public ConsoleUser setEnabled(String username, boolean enabled, String actor) {
    ConsoleUser user = require(username);
    jdbc.sql("UPDATE console_user SET enabled = ? WHERE username = ?")
        .params(enabled, username)
        .update();
    audit.append(
        AuditEvent.of(
            user.tenant(), actor, enabled ? "user.enabled" : "user.disabled", "user:" + username));
    return new ConsoleUser(username, user.tenant(), user.roles(), enabled, user.createdAt());
  }

  /** The caller a correct password of an enabled user stands for. */
  Optional<Caller> verifyPassword(String username, String password) {
    Optional<StoredUser> stored =
        jdbc.sql(
                "SELECT tenant, roles, password_hash FROM console_user"
                    + " WHERE username = ? AND enabled")
            .param(username)
            .query((rs, row) ->
                new StoredUser(
                    TenantId.of(rs.getString("tenant")),
                    Roles.fromColumn(rs.getArray("roles")),
                    rs.getString("password_hash")))
            .optional();
    if (stored.isEmpty()) {
      passwords.matches(password, unknownUserHash);
      return Optional.empty();
    }
    if (!passwords.matches(password, stored.get().passwordHash())) {
      return Optional.empty();
    }
    return Optional.of(
        new Caller(
            "user:" + username,
            stored.get().tenant(),
            stored.get().roles(),
            CredentialType.CONSOLE_SESSION));
  }

  private record StoredUser(TenantId tenant, Set<Role> roles, String passwordHash) {}

  private ConsoleUser require(String username) {
    return find(username).orElseThrow(() -> new NotFoundException("user", username));
  }

  private static void requireRoles(Set<Role> roles) {
    if (roles.isEmpty()) {
      throw new InvalidRequestException("A user needs at least one role.");
    }
  }

  private static ConsoleUser row(ResultSet rs, int row) throws SQLException {
    return new ConsoleUser(
        rs.getString("username"),
        TenantId.of(rs.getString("tenant")),
        Roles.fromColumn(rs.getArray("roles")),
        rs.getBoolean("enabled"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
