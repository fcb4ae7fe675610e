package ai.stratum.gateway.demo;

import ai.stratum.core.json.StratumJson;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.ApiKeys;
import ai.stratum.gateway.security.ConsoleUsers;
import ai.stratum.gateway.tenancy.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the demo principals once, on the first start with {@code
 * stratum.gateway.demo.credentials-file} set: user {@code admin} (tenant {@code platform}, roles
 * ADMIN and AUDITOR), tenants {@code demo-hospital} and {@code demo-bank} with one API key each,
 * and users {@code clinician} and {@code analyst} in them. The secrets exist only in the
 * credentials file (mode 600); later starts find the admin and leave everything as it is.
 */
@Component
@ConditionalOnProperty("stratum.gateway.demo.credentials-file")
class DemoBootstrap {

  static final String ACTOR = "system:demo-bootstrap";
  static final TenantId HOSPITAL = TenantId.of("demo-hospital");
  static final TenantId BANK = TenantId.of("demo-bank");

  private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);
  private static final String PASSWORD_ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Tenants tenants;
  private final ApiKeys apiKeys;
  private final ConsoleUsers users;
  private final Path credentialsFile;
  private final Environment environment;

  DemoBootstrap(
      Tenants tenants,
      ApiKeys apiKeys,
      ConsoleUsers users,
      DemoProperties properties,
      Environment environment) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.users = users;
    this.credentialsFile = properties.credentialsFile();
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void bootstrap() {
    if (users.find("admin").isPresent()) {
      if (Files.exists(credentialsFile)) {
        System.out.println("Demo credentials: " + credentialsFile);
      } else {
        log.warn(
            "The demo users exist but {} is gone; their secrets cannot be shown again."
                + " Start with a fresh data directory to get new ones.",
            credentialsFile);
      }
      return;
    }
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put(
        "console", "http://localhost:" + environment.getProperty("local.server.port") + "/console");
    credentials.put(
        "users",
        List.of(
            user("admin", Tenants.PLATFORM, Set.of(Role.ADMIN, Role.AUDITOR)),
            tenantWithUser(HOSPITAL, "Demo hospital", "clinician", Role.CLINICIAN),
            tenantWithUser(BANK, "Demo bank", "analyst", Role.ANALYST)));
    credentials.put(
        "apiKeys", List.of(apiKey(HOSPITAL, Role.CLINICIAN), apiKey(BANK, Role.ANALYST)));
    write(credentials);
    System.out.println("Demo credentials: " + credentialsFile + " (readable by you only)");
  }

  private Map<String, Object> tenantWithUser(
      TenantId tenant, String name, String username, Role role) {
    tenants.create(tenant, name, ACTOR);
    return user(username, tenant, Set.of(role));
  }

  private Map<String, Object> user(String username, TenantId tenant, Set<Role> roles) {
    String password = password();
    users.create(username, tenant, roles, password, ACTOR);
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", username);
    user.put("password", password);
    user.put("tenant", tenant.value());
    user.put("roles", roles.stream().map(Role::name).sorted().toList());
    return user;
  }

  private Map<String, Object> apiKey(TenantId tenant, Role role) {
    var issued = apiKeys.create(tenant, "demo " + role.name().toLowerCase(), Set.of(role), ACTOR);
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("tenant", tenant.value());
    key.put("header", ApiKeys.HEADER);
    key.put("apiKey", issued.token());
    key.put("roles", List.of(role.name()));
    return key;
  }

  private static String password() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  /** Written next to its final name with owner-only permissions from the start, then moved. */
  private void write(Map<String, Object> credentials) {
    try {
      Path directory = credentialsFile.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  directory,
                  ".demo-credentials",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(directory, ".demo-credentials", ".tmp");
      Files.writeString(
          temporary,
          StratumJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
      Files.move(temporary, credentialsFile, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + credentialsFile, e);
    }
  }
}
