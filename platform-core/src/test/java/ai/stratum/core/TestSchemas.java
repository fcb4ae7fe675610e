package ai.stratum.core;

import ai.stratum.test.SharedInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;

/**
 * Fresh PostgreSQL schemas on the shared test database, so each test has its own audit chain and
 * migration history. Connections get the schema as their default, as a service's pool does.
 */
public final class TestSchemas {

  private TestSchemas() {}

  /** A schema name no other test uses; the schema itself is not created. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static HikariDataSource pool(String schema, int size) {
    SharedInfrastructure infrastructure = SharedInfrastructure.get();
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(infrastructure.jdbcUrl());
    pool.setUsername(infrastructure.username());
    pool.setPassword(infrastructure.password());
    pool.setSchema(schema);
    pool.setMaximumPoolSize(size);
    return pool;
  }
}
