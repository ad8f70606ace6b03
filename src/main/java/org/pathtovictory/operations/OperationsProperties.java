package org.pathtovictory.operations;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the operator's side, under {@code pathtovictory.operations.*}.
 *
 * @param metricsToken a bearer token a Prometheus server may scrape with instead of an account
 *     (from the environment, {@code PTV_METRICS_TOKEN}); empty: accounts only
 * @param operatorGroups the engine groups whose members may read the metrics
 * @param gaugesFresh how long the gauges' database counts are reused before they are read again
 */
@ConfigurationProperties("pathtovictory.operations")
record OperationsProperties(
    @DefaultValue("") String metricsToken,
    @DefaultValue("camunda-admin") List<String> operatorGroups,
    @DefaultValue("10s") Duration gaugesFresh) {}
