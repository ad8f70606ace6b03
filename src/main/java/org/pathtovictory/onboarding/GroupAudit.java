package org.pathtovictory.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log of a local group's membership ({@code ptv_group_audit}): who created the group,
 * invited, gave or took a role, removed a member, and when. Written in the same transaction as the
 * change it records, so the log and the group never disagree.
 */
@Component
class GroupAudit {

  /** One entry. */
  record Entry(Instant at, String actor, String action, String subject, String details) {}

  static final String GROUP_CREATED = "GROUP_CREATED";
  static final String INVITED = "INVITED";
  static final String INVITATION_RENEWED = "INVITATION_RENEWED";
  static final String ROLES_CHANGED = "ROLES_CHANGED";
  static final String REMOVED = "REMOVED";
  static final String INVITATION_ACCEPTED = "INVITATION_ACCEPTED";

  private final JdbcTemplate jdbc;

  GroupAudit(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  void record(String tenantId, String actor, String action, String subject, String details) {
    jdbc.update(
        "INSERT INTO ptv_group_audit (id, tenant_id, at, actor, action, subject, details)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(),
        tenantId,
        Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
        actor,
        action,
        subject,
        details == null || details.length() <= 1000 ? details : details.substring(0, 1000));
  }

  /** The newest entries first. */
  List<Entry> of(String tenantId, int limit) {
    return jdbc.query(
        "SELECT at, actor, action, subject, details FROM ptv_group_audit WHERE tenant_id = ?"
            + " ORDER BY at DESC, id",
        ps -> {
          ps.setString(1, tenantId);
          ps.setMaxRows(limit);
        },
        (rs, n) ->
            new Entry(
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("subject"),
                rs.getString("details")));
  }
}
