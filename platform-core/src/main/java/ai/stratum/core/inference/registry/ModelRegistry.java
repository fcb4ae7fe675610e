package ai.stratum.core.inference.registry;

import ai.stratum.core.events.EventEnvelope;
import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.events.Topic;
import ai.stratum.core.inference.ModelFramework;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.ModelSignature;
import ai.stratum.core.inference.UnknownModelException;
import ai.stratum.core.json.StratumJson;
import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.storage.ContentStore;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.ConflictException;
import ai.stratum.core.web.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers model versions and moves them between stages. Stage changes of one model are serialized
 * by a PostgreSQL advisory lock, so concurrent promotions cannot leave two production versions (a
 * unique index guards that too). Promotions and rollbacks are published on {@code platform.models}
 * after they commit; runtimes also reconcile with the registry periodically, so a lost event delays
 * a swap but never loses it.
 */
public final class ModelRegistry {

  /** Models are shared by every tenant; their events carry this tenant. */
  public static final TenantId PLATFORM_TENANT = TenantId.of("platform");

  private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  private static final TypeReference<Map<String, Object>> METRICS = new TypeReference<>() {};
  private static final String COLUMNS =
      "name, version, stage, sha256, framework, signature::text as signature, metrics::text as metrics,"
          + " created_by, created_at, parent_name, parent_version";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ContentStore artifacts;
  private final EventPublisher events;
  private final Clock clock;
  private final JsonMapper json = StratumJson.mapper();

  /**
   * @param migrated proves the tables exist; Spring creates it first
   */
  public ModelRegistry(
      DataSource dataSource,
      ModelRegistrySchema migrated,
      ContentStore artifacts,
      EventPublisher events,
      Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.artifacts = artifacts;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Stores the artifact and registers it as the next version of the model, in stage {@link
   * ModelStage#STAGING}.
   *
   * @throws InvalidRequestException when the artifact does not hash to {@code expectedSha256}
   * @throws UnknownModelException when the lineage parent is not registered
   */
  public ModelVersion register(ModelRegistration registration, InputStream artifact)
      throws IOException {
    ContentAddress address = store(registration, artifact);
    Instant now = clock.instant();
    return transactions.execute(status -> {
      lock(registration.name());
      return insertVersion(registration, address, now);
    });
  }

  /**
   * Registers the artifact and makes it the production version in one transaction, unless the model
   * already has a version. Of several instances seeding an empty registry at the same moment, one
   * seeds; the others find its version already in production instead of adding copies of it.
   *
   * @return the seeded production version; empty when the model already had a version
   * @throws InvalidRequestException when the artifact does not hash to {@code expectedSha256}
   * @throws UnknownModelException when the lineage parent is not registered
   */
  public Optional<ModelVersion> seed(ModelRegistration registration, InputStream artifact)
      throws IOException {
    ContentAddress address = store(registration, artifact);
    Instant now = clock.instant();
    @Nullable StageChange seeded =
        transactions.execute(status -> {
          lock(registration.name());
          if (!versions(registration.name()).isEmpty()) {
            return null;
          }
          ModelVersion registered = insertVersion(registration, address, now);
          moveStage(registered, "PROMOTE", ModelStage.PRODUCTION, registration.createdBy(), now);
          return new StageChange(get(registered.name(), registered.version()), null, true);
        });
    if (seeded == null) {
      return Optional.empty();
    }
    announce(ModelStageChanged.PROMOTED, seeded, registration.createdBy());
    return Optional.of(seeded.now());
  }

  private ContentAddress store(ModelRegistration registration, InputStream artifact)
      throws IOException {
    ContentAddress address = artifacts.put(artifact);
    if (registration.expectedSha256() != null
        && !registration.expectedSha256().equals(address.sha256())) {
      throw new InvalidRequestException(
          "The uploaded artifact has sha256 "
              + address.sha256()
              + " but the registration expects "
              + registration.expectedSha256()
              + "; the upload was truncated or is a different file.");
    }
    return address;
  }

  /** The next version of the model, in staging; the caller holds the model's lock. */
  private ModelVersion insertVersion(
      ModelRegistration registration, ContentAddress address, Instant now) {
    String name = registration.name();
    ModelRef parent = registration.parent();
    if (parent != null && find(parent.name(), parent.version()).isEmpty()) {
      throw new UnknownModelException(
          "Lineage parent " + parent + " of model '" + name + "' is not registered.");
    }
    int version =
        jdbc.sql(
                "select coalesce(max(version), 0) + 1 from model_registry.model_version where name = ?")
            .param(name)
            .query(Integer.class)
            .single();
    jdbc.sql(
            """
            insert into model_registry.model_version
              (name, version, stage, sha256, framework, signature, metrics, created_by, created_at,
               parent_name, parent_version)
            values (?, ?, 'STAGING', ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
            """)
        .params(
            name,
            version,
            address.sha256(),
            registration.framework().name(),
            json.writeValueAsString(registration.signature()),
            json.writeValueAsString(registration.metrics()),
            registration.createdBy(),
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
            parent == null ? null : parent.name(),
            parent == null ? null : parent.version())
        .update();
    recordChange(
        name, version, "REGISTER", null, ModelStage.STAGING, registration.createdBy(), now);
    return get(name, version);
  }

  /** Every version of every model, by name then newest first. */
  public List<ModelVersion> list() {
    return jdbc.sql(
            "select " + COLUMNS + " from model_registry.model_version order by name, version desc")
        .query(this::mapVersion)
        .list();
  }

  /** Every version of one model, newest first; empty when the name is unknown. */
  public List<ModelVersion> versions(String name) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from model_registry.model_version where name = ? order by version desc")
        .param(name)
        .query(this::mapVersion)
        .list();
  }

  public Optional<ModelVersion> find(String name, int version) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from model_registry.model_version where name = ? and version = ?")
        .params(name, version)
        .query(this::mapVersion)
        .optional();
  }

  /**
   * @throws UnknownModelException when no such version is registered
   */
  public ModelVersion get(String name, int version) {
    return find(name, version).orElseThrow(() -> notRegistered(name, version));
  }

  /** The version every runtime should serve, if one was promoted. */
  public Optional<ModelVersion> production(String name) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from model_registry.model_version where name = ? and stage = 'PRODUCTION'")
        .param(name)
        .query(this::mapVersion)
        .optional();
  }

  /**
   * Makes the version the production version; the previous one is archived. Promoting the
   * production version again changes nothing.
   */
  public ModelVersion promote(String name, int version, String changedBy) {
    Instant now = clock.instant();
    StageChange change =
        transactions.execute(status -> {
          lock(name);
          ModelVersion target = get(name, version);
          if (target.stage() == ModelStage.PRODUCTION) {
            return new StageChange(target, null, false);
          }
          Optional<ModelVersion> previous = production(name);
          previous.ifPresent(
              old -> moveStage(old, "SUPERSEDE", ModelStage.ARCHIVED, changedBy, now));
          moveStage(target, "PROMOTE", ModelStage.PRODUCTION, changedBy, now);
          return new StageChange(
              get(name, version), previous.map(ModelVersion::version).orElse(null), true);
        });
    if (change.changed()) {
      announce(ModelStageChanged.PROMOTED, change, changedBy);
    }
    return change.now();
  }

  /**
   * Archives the production version and restores the version it most recently superseded. Repeated
   * rollbacks walk further back; versions rolled back from or archived explicitly are skipped.
   *
   * @throws ConflictException when there is no production version or nothing to return to
   */
  public ModelVersion rollback(String name, String changedBy) {
    Instant now = clock.instant();
    StageChange change =
        transactions.execute(status -> {
          lock(name);
          ModelVersion current =
              production(name)
                  .orElseThrow(() ->
                      new ConflictException(
                          "Model '" + name + "' has no production version to roll back."));
          Integer restore =
              jdbc.sql(
                      """
                      select version from (
                        select distinct on (version) version, action, id
                        from model_registry.stage_change where name = ?
                        order by version, id desc) latest
                      where action = 'SUPERSEDE'
                      order by id desc limit 1
                      """)
                  .param(name)
                  .query(Integer.class)
                  .optional()
                  .orElseThrow(() ->
                      new ConflictException(
                          "Model '"
                              + name
                              + "' has no earlier production version to roll back to from "
                              + current.ref()
                              + "."));
          moveStage(current, "ROLLBACK", ModelStage.ARCHIVED, changedBy, now);
          moveStage(get(name, restore), "ROLLBACK", ModelStage.PRODUCTION, changedBy, now);
          return new StageChange(get(name, restore), current.version(), true);
        });
    announce(ModelStageChanged.ROLLED_BACK, change, changedBy);
    return change.now();
  }

  /**
   * Retires a version that is not in production; an archived version is also no longer a rollback
   * target.
   *
   * @throws ConflictException for the production version: promote another or roll back first
   */
  public ModelVersion archive(String name, int version, String changedBy) {
    Instant now = clock.instant();
    return transactions.execute(status -> {
      lock(name);
      ModelVersion target = get(name, version);
      if (target.stage() == ModelStage.PRODUCTION) {
        throw new ConflictException(
            "Model "
                + target.ref()
                + " is in production; promote another version or roll back before archiving it.");
      }
      moveStage(target, "ARCHIVE", ModelStage.ARCHIVED, changedBy, now);
      return get(name, version);
    });
  }

  /**
   * Opens the version's artifact; the content store checks the bytes against the address as they
   * are read.
   *
   * @throws ModelLoadException when the store no longer holds the artifact
   */
  public InputStream openArtifact(ModelVersion version) throws IOException {
    return artifacts
        .open(new ContentAddress(version.sha256()))
        .orElseThrow(() ->
            new ModelLoadException(
                version.ref(),
                "artifact sha256:" + version.sha256() + " is missing from the content store"));
  }

  private void lock(String name) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext('model_registry:' || ?))")
        .param(name)
        .query()
        .singleRow();
  }

  private void moveStage(
      ModelVersion version, String action, ModelStage to, String changedBy, Instant now) {
    jdbc.sql("update model_registry.model_version set stage = ? where name = ? and version = ?")
        .params(to.name(), version.name(), version.version())
        .update();
    recordChange(version.name(), version.version(), action, version.stage(), to, changedBy, now);
  }

  private void recordChange(
      String name,
      int version,
      String action,
      @Nullable ModelStage from,
      ModelStage to,
      String changedBy,
      Instant now) {
    jdbc.sql(
            """
            insert into model_registry.stage_change
              (name, version, action, from_stage, to_stage, changed_by, changed_at)
            values (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            name,
            version,
            action,
            from == null ? null : from.name(),
            to.name(),
            changedBy,
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .update();
  }

  private void announce(String type, StageChange change, String changedBy) {
    ModelVersion now = change.now();
    EventEnvelope<ModelStageChanged> envelope =
        EventEnvelope.of(
            PLATFORM_TENANT,
            type,
            new ModelStageChanged(
                now.name(), now.version(), change.previousVersion(), now.sha256(), changedBy));
    try {
      events
          .publish(Topic.PLATFORM_MODELS, now.name(), envelope)
          .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // the change is committed; runtimes pick it up at their next reconciliation with the registry
      log.warn(
          "Could not announce {} of model {} on {}: {}",
          type,
          now.ref(),
          Topic.PLATFORM_MODELS,
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ModelVersion mapVersion(ResultSet row, int rowNumber) throws SQLException {
    String parentName = row.getString("parent_name");
    return new ModelVersion(
        row.getString("name"),
        row.getInt("version"),
        ModelStage.valueOf(row.getString("stage")),
        row.getString("sha256"),
        ModelFramework.valueOf(row.getString("framework")),
        json.readValue(row.getString("signature"), ModelSignature.class),
        json.readValue(row.getString("metrics"), METRICS),
        row.getString("created_by"),
        row.getObject("created_at", OffsetDateTime.class).toInstant(),
        parentName == null ? null : new ModelRef(parentName, row.getInt("parent_version")));
  }

  private static UnknownModelException notRegistered(String name, int version) {
    return new UnknownModelException(
        "No version " + version + " of model '" + name + "' is registered.");
  }

  private record StageChange(
      ModelVersion now, @Nullable Integer previousVersion, boolean changed) {}
}
