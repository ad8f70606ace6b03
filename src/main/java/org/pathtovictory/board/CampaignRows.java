package org.pathtovictory.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The board's read model: a row per campaign in {@code ptv_board_campaign} holding its {@link
 * CampaignFacts}, so the board after a change reads one campaign again instead of all of them.
 *
 * <p>Right after an engine transaction commits, the campaigns it changed are read again and their
 * rows rewritten ({@link EngineChanges}), on a thread of their own so the committing request does
 * not wait; the board itself first finishes what this node still has to write. Every node keeps the
 * rows in memory and picks up the rows another node wrote by their {@code changed_at} (the
 * database's clock), at most every {@link #POLL_EVERY_MILLIS}. Rows that are missing (an existing
 * database, a row deleted) are built again from the engine at start-up and every few minutes.
 */
@Component
class CampaignRows {

  private static final Logger log = LoggerFactory.getLogger(CampaignRows.class);

  /** How often a node looks for rows other nodes wrote (a change shows on every node this fast). */
  static final long POLL_EVERY_MILLIS = 500;

  /**
   * Rows changed this long before the last look are looked at again: a row written in a transaction
   * that committed after a later one is not missed.
   */
  private static final long OVERLAP_MILLIS = 5_000;

  /** Rows of ended campaigns are kept this long so every node sees them end, then deleted. */
  private static final long KEEP_ENDED_MILLIS = 3_600_000;

  private static final long START_WAIT_SECONDS = 60;

  /** More missing rows than this are read together. */
  private static final int FEW = 20;

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final CampaignReader reader;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "board-read-model");
            thread.setDaemon(true);
            return thread;
          });

  /** The rows as this node last read them, by campaign id. */
  private final Map<String, Row> rows = new ConcurrentHashMap<>();

  private final AtomicLong generation = new AtomicLong();

  /** Done once the rows missing at start-up are built: the board waits for it, not a half one. */
  private final CompletableFuture<Void> built = new CompletableFuture<>();

  private volatile Timestamp lastLook;
  private volatile long lastLookAt;
  private volatile boolean wroteSinceLook = true;

  private record Row(long revision, CampaignFacts facts) {}

  CampaignRows(JdbcTemplate jdbc, ObjectMapper json, CampaignReader reader, EngineChanges changes) {
    this.jdbc = jdbc;
    this.json = json;
    this.reader = reader;
    changes.onCommit(this::committed);
  }

  /** The running campaigns as the read model holds them now, this node's changes included. */
  Collection<CampaignFacts> current() {
    try {
      built.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception stillBuilding) {
      // a very large installation: show what is there rather than nothing
    }
    writePending();
    if (wroteSinceLook || System.currentTimeMillis() - lastLookAt >= POLL_EVERY_MILLIS) {
      look();
    }
    return rows.values().stream().map(Row::facts).toList();
  }

  /** Moves whenever {@link #current()} would answer differently. */
  long generation() {
    return generation.get();
  }

  private void committed(Set<String> roots) {
    pending.addAll(roots);
    try {
      writer.execute(this::writePending);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // the application is stopping: the row is rewritten at the campaign's next change
    }
  }

  /** Rewrites the rows of the campaigns this node changed and has not written yet. */
  synchronized void writePending() {
    if (pending.isEmpty()) {
      return;
    }
    Set<String> roots = new HashSet<>(pending);
    pending.removeAll(roots);
    try {
      write(reader.campaignsOf(roots), false);
    } catch (RuntimeException failed) {
      // the next change or the next check of missing rows writes them; the board keeps working
      log.warn("The board could not update campaigns {}: {}", roots, failed.toString());
    }
  }

  /**
   * Builds the rows that are missing (running campaigns without one) and ends those of campaigns
   * that no longer run: at start-up (an existing database gets its read model) and every few
   * minutes (a row lost after a node stopped between a commit and its write).
   */
  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT5M")
  synchronized void buildMissing() {
    Set<String> running = reader.running();
    Set<String> kept =
        new HashSet<>(
            jdbc.queryForList(
                "select id from ptv_board_campaign where ended = false", String.class));
    Set<String> changed = new HashSet<>(running);
    changed.removeAll(kept);
    Set<String> gone = new HashSet<>(kept);
    gone.removeAll(running);
    changed.addAll(gone);
    if (!changed.isEmpty()) {
      log.info(
          "The board builds {} missing campaign rows and ends {}",
          changed.size() - gone.size(),
          gone.size());
      write(changed, changed.size() > FEW);
    }
    jdbc.update(
        "delete from ptv_board_campaign where ended = true and changed_at < ?",
        new Timestamp(now().getTime() - KEEP_ENDED_MILLIS));
  }

  @EventListener(ApplicationReadyEvent.class)
  void buildMissingAfterStart() {
    writer.execute(
        () -> {
          try {
            buildMissing();
          } catch (RuntimeException failed) {
            log.warn("The board could not build its missing rows: {}", failed.toString());
          } finally {
            built.complete(null);
          }
        });
  }

  @PreDestroy
  void stop() {
    writer.shutdownNow();
  }

  /** Rewrites these campaigns' rows; {@code many} reads them together rather than one by one. */
  private void write(Set<String> campaigns, boolean many) {
    if (campaigns.isEmpty()) {
      return;
    }
    // the database's clock before reading: a reading that started earlier never overwrites it
    Timestamp readAt = now();
    Map<String, CampaignFacts> facts = many ? reader.readMany(campaigns) : reader.read(campaigns);
    for (String id : campaigns) {
      CampaignFacts running = facts.get(id);
      String text = running == null ? null : toJson(running);
      String tenant = running == null ? null : running.tenantId();
      boolean ended = running == null;
      int updated =
          jdbc.update(
              "update ptv_board_campaign set tenant_id = ?, ended = ?, facts = ?,"
                  + " revision = revision + 1, read_at = ?, changed_at = LOCALTIMESTAMP"
                  + " where id = ? and read_at <= ?",
              tenant,
              ended,
              text,
              readAt,
              id,
              readAt);
      if (updated == 0 && !ended) {
        try {
          jdbc.update(
              "insert into ptv_board_campaign"
                  + " (id, tenant_id, ended, facts, revision, read_at, changed_at)"
                  + " values (?, ?, false, ?, 1, ?, LOCALTIMESTAMP)",
              id,
              tenant,
              text,
              readAt);
        } catch (DuplicateKeyException newerOrSame) {
          // another node wrote the row meanwhile, from a reading as new as this one or newer
        }
      }
    }
    wroteSinceLook = true;
  }

  /** Reads the rows changed since the last look (all of them the first time). */
  private synchronized void look() {
    Timestamp lookingAt = now();
    wroteSinceLook = false;
    List<Map<String, Object>> changed =
        lastLook == null
            ? jdbc.queryForList(
                "select id, revision, ended, facts from ptv_board_campaign where ended = false")
            : jdbc.queryForList(
                "select id, revision, ended, facts from ptv_board_campaign where changed_at >= ?",
                new Timestamp(lastLook.getTime() - OVERLAP_MILLIS));
    boolean moved = false;
    for (Map<String, Object> row : changed) {
      String id = (String) row.get("id");
      long revision = ((Number) row.get("revision")).longValue();
      Row kept = rows.get(id);
      if (Boolean.TRUE.equals(row.get("ended"))) {
        moved |= rows.remove(id) != null;
      } else if (kept == null || kept.revision() != revision) {
        rows.put(id, new Row(revision, fromJson(text(row.get("facts")))));
        moved = true;
      }
    }
    lastLook = lookingAt;
    lastLookAt = System.currentTimeMillis();
    if (moved) {
      generation.incrementAndGet();
    }
  }

  private Timestamp now() {
    return jdbc.queryForObject("select LOCALTIMESTAMP", Timestamp.class);
  }

  private String toJson(CampaignFacts facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException unexpected) {
      throw new IllegalStateException("campaign " + facts.id() + " not writable", unexpected);
    }
  }

  private CampaignFacts fromJson(String text) {
    try {
      return json.readValue(text, CampaignFacts.class);
    } catch (JsonProcessingException unexpected) {
      throw new IllegalStateException("a board row is not readable", unexpected);
    }
  }

  private static String text(Object value) {
    if (value instanceof java.sql.Clob clob) {
      try {
        return clob.getSubString(1, (int) clob.length());
      } catch (java.sql.SQLException unreadable) {
        throw new IllegalStateException("a board row is not readable", unreadable);
      }
    }
    return value == null ? null : value.toString();
  }
}
