package org.pathtovictory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Liquibase runs on a start only when its changelog changed since the last successful run. */
class LiquibaseOnlyWhenChangedTest {

  private final DataSource database = newDatabase();

  @Test
  void firstStartRunsLiquibaseAndKeepsTheChangelogsChecksum() throws Exception {
    start();

    assertThat(liquibaseRuns()).isEqualTo(1);
    assertThat(keptChecksums()).isEqualTo(1);
  }

  @Test
  void restartWithTheSameChangelogSkipsLiquibase() throws Exception {
    start();
    start();

    assertThat(liquibaseRuns()).isEqualTo(1);
  }

  @Test
  void restartAfterTheChangelogChangedRunsLiquibase() throws Exception {
    start();
    // as if the last start had run an older changelog
    execute("update " + ChangelogChecksum.TABLE + " set checksum = 'older'");

    start();

    assertThat(liquibaseRuns()).isEqualTo(2);
    assertThat(keptChecksums()).isEqualTo(1);
    start();
    assertThat(liquibaseRuns()).as("the new checksum was kept").isEqualTo(2);
  }

  @Test
  void databaseWithoutTheChecksumTableRunsLiquibase() throws Exception {
    start();
    execute("drop table " + ChangelogChecksum.TABLE);
    execute("delete from databasechangelog where id = 'ptv-schema-checksum-1'");

    start();

    assertThat(liquibaseRuns()).isEqualTo(2);
    assertThat(keptChecksums()).isEqualTo(1);
  }

  @Test
  void checksumChangesWithEveryIncludedFileAndOnlyWithThem(@TempDir Path classpath)
      throws Exception {
    write(classpath, "db/master.yaml", "databaseChangeLog:\n  - include: {file: db/own/a.yaml}\n");
    write(classpath, "db/own/a.yaml", "databaseChangeLog: []\n");
    write(classpath, "db/own/scripts/b.sql", "create table b (id int);\n");
    write(classpath, "elsewhere/c.yaml", "databaseChangeLog: []\n");
    Optional<String> before = checksum(classpath, null);
    assertThat(before).isPresent();
    assertThat(checksum(classpath, null)).as("the same files, the same checksum").isEqualTo(before);

    write(classpath, "elsewhere/c.yaml", "databaseChangeLog: [] # not included\n");
    assertThat(checksum(classpath, null)).isEqualTo(before);
    write(classpath, "db/own/scripts/b.sql", "create table b (id bigint);\n");
    Optional<String> scriptChanged = checksum(classpath, null);
    assertThat(scriptChanged).isPresent().isNotEqualTo(before);
    write(classpath, "db/own/new.yaml", "databaseChangeLog: []\n");
    assertThat(checksum(classpath, null)).isPresent().isNotEqualTo(scriptChanged);
    assertThat(checksum(classpath, "postgres"))
        .as("other contexts")
        .isNotEqualTo(checksum(classpath, null));
  }

  @Test
  void changelogWhoseIncludesCannotBeToldAlwaysRuns(@TempDir Path classpath) throws Exception {
    write(
        classpath,
        "db/master.yaml",
        "databaseChangeLog:\n  - include: {file: a.yaml, relativeToChangelogFile: true}\n");
    assertThat(checksum(classpath, null)).isEmpty();
    write(classpath, "db/master.yaml", "databaseChangeLog:\n  - include: {file: top.yaml}\n");
    assertThat(checksum(classpath, null)).as("a file at the classpath's root").isEmpty();
    write(classpath, "db/master.xml", "<databaseChangeLog/>");
    assertThat(ChangelogChecksum.of(resolver(classpath), "classpath:db/master.xml", null, null))
        .isEmpty();
  }

  private void start() {
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(database);
    liquibase.setChangeLog("classpath:db/startup-test/master.yaml");
    liquibase.setResourceLoader(new DefaultResourceLoader());
    ClusterStartup.updateWhenChanged(liquibase);
  }

  private static Optional<String> checksum(Path classpath, String contexts) throws Exception {
    return ChangelogChecksum.of(resolver(classpath), "classpath:db/master.yaml", contexts, null);
  }

  private static PathMatchingResourcePatternResolver resolver(Path classpath) throws Exception {
    // only the temporary folder: the test's own classpath stays out
    ClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
    return new PathMatchingResourcePatternResolver(loader);
  }

  private static void write(Path root, String file, String content) throws Exception {
    Files.createDirectories(root.resolve(file).getParent());
    Files.writeString(root.resolve(file), content);
  }

  private int liquibaseRuns() throws Exception {
    return count("test_liquibase_run");
  }

  private int keptChecksums() throws Exception {
    return count(ChangelogChecksum.TABLE);
  }

  private int count(String table) throws Exception {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static DataSource newDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return h2;
  }
}
