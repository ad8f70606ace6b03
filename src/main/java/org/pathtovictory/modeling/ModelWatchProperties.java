package org.pathtovictory.modeling;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local editing loop, under {@code pathtovictory.model-watch.*} (demo profile only).
 *
 * @param enabled whether saved files are deployed while the application runs
 * @param folder the project folder holding {@code processes/} and {@code forms/}
 * @param debounce how long the folders must stay quiet before a save is deployed (editors write a
 *     file in several steps)
 */
@Validated
@ConfigurationProperties("pathtovictory.model-watch")
public record ModelWatchProperties(
    @DefaultValue("true") boolean enabled,
    @NotNull @DefaultValue(".") Path folder,
    @NotNull @DefaultValue("500ms") Duration debounce) {}
