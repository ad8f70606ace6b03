package org.pathtovictory.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * The SHA-256 of the schema's Liquibase changelog as it will run: the master file, every file in
 * the folders it includes (the engine's own changelog with its SQL scripts, ours) and the contexts
 * and labels chosen, kept in {@code ptv_schema_checksum} (changeset {@code ptv-schema-checksum-1})
 * after each successful run. A start whose checksum is the one kept has nothing for Liquibase to
 * do, and skips reading and validating the whole changelog (most of a second on a restart).
 */
final class ChangelogChecksum {

  static final String TABLE = "ptv_schema_checksum";
  private static final String CLASSPATH = "classpath:";

  private ChangelogChecksum() {}

  /**
   * The checksum, or empty when it cannot be told what the changelog includes (a master that is not
   * YAML, an include of another kind): then Liquibase always runs.
   */
  static Optional<String> of(
      ResourcePatternResolver resources, String changeLog, String contexts, String labels)
      throws IOException {
    String master =
        changeLog.startsWith(CLASSPATH) ? changeLog.substring(CLASSPATH.length()) : null;
    if (master == null || !(master.endsWith(".yaml") || master.endsWith(".yml"))) {
      return Optional.empty();
    }
    Resource masterFile = resources.getResource(changeLog);
    if (!masterFile.isReadable()) {
      return Optional.empty();
    }
    byte[] masterBytes = read(masterFile);
    SortedSet<String> folders = new TreeSet<>();
    folders.add(folderOf(master));
    if (!includedFolders(new String(masterBytes, StandardCharsets.UTF_8), folders)
        || folders.contains("")) {
      return Optional.empty(); // unknown includes, or a folder that would mean the whole classpath
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(master, masterBytes);
    for (String folder : folders) {
      for (Resource file : resources.getResources("classpath*:" + folder + "/**/*")) {
        String url = file.getURL().toString();
        int at = url.lastIndexOf(folder + "/");
        if (url.endsWith("/") || at < 0 || !file.isReadable()) {
          continue; // a folder entry
        }
        files.put(url.substring(at), read(file));
      }
    }
    MessageDigest digest = sha256();
    update(digest, "contexts=" + Objects.toString(contexts, ""));
    update(digest, "labels=" + Objects.toString(labels, ""));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      update(digest, file.getKey());
      digest.update(file.getValue());
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  /** Whether this checksum is the one kept by the last successful run on this database. */
  static boolean isRecorded(DataSource dataSource, String checksum) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet kept = statement.executeQuery("select checksum from " + TABLE)) {
      return kept.next() && checksum.equals(kept.getString(1)) && !kept.next();
    } catch (SQLException noTableYet) {
      // an empty database, or one from before the table existed: Liquibase runs
      return false;
    }
  }

  /** Keeps the checksum of the changelog that has just run, in place of any earlier one. */
  static void record(DataSource dataSource, String checksum) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement delete = connection.createStatement();
          PreparedStatement insert =
              connection.prepareStatement(
                  "insert into " + TABLE + " (checksum, recorded_at) values (?, ?)")) {
        delete.executeUpdate("delete from " + TABLE);
        insert.setString(1, checksum);
        insert.setTimestamp(2, Timestamp.from(Instant.now()));
        insert.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** Adds the folder of every {@code include} and {@code includeAll}; false for anything else. */
  private static boolean includedFolders(String yaml, SortedSet<String> folders) {
    Object root = new Yaml().load(yaml);
    if (!(root instanceof Map<?, ?> map)
        || !(map.get("databaseChangeLog") instanceof List<?> list)) {
      return false;
    }
    for (Object entry : list) {
      if (!(entry instanceof Map<?, ?> item)) {
        return false;
      }
      if (item.get("include") instanceof Map<?, ?> include && include.get("file") != null) {
        if (Boolean.TRUE.equals(include.get("relativeToChangelogFile"))) {
          return false;
        }
        folders.add(folderOf(include.get("file").toString()));
      } else if (item.get("includeAll") instanceof Map<?, ?> all && all.get("path") != null) {
        folders.add(strip(all.get("path").toString()));
      } else if (!item.containsKey("changeSet") && !item.containsKey("property")) {
        return false;
      }
    }
    return true;
  }

  private static String folderOf(String file) {
    String path = strip(file);
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String strip(String path) {
    String plain = path.startsWith(CLASSPATH) ? path.substring(CLASSPATH.length()) : path;
    while (plain.startsWith("/")) {
      plain = plain.substring(1);
    }
    while (plain.endsWith("/")) {
      plain = plain.substring(0, plain.length() - 1);
    }
    return plain;
  }

  private static byte[] read(Resource resource) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
