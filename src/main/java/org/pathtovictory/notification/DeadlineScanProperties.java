package org.pathtovictory.notification;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the deadline scan shares its work in a cluster, under {@code
 * pathtovictory.notifications.deadline-scan.*}. Every node schedules the scan; a lock in the
 * database (ShedLock, table {@code shedlock}) lets one node at a time run it.
 *
 * @param lockAtMostFor a node that died while scanning holds the lock at most this long
 * @param lockAtLeastFor the lock stays taken this long after a scan, so the other nodes, whose
 *     schedules are offset, do not repeat it right away (keep it below {@code scan-every})
 * @param overdueLookback tasks that became overdue within this time before now are escalated; the
 *     window keeps the scan on the due-date index instead of every overdue task ever (it must be
 *     longer than any outage of all nodes)
 */
@Validated
@ConfigurationProperties("pathtovictory.notifications.deadline-scan")
public record DeadlineScanProperties(
    @NotNull @DefaultValue("30m") Duration lockAtMostFor,
    @NotNull @DefaultValue("1m") Duration lockAtLeastFor,
    @NotNull @DefaultValue("7d") Duration overdueLookback) {}
