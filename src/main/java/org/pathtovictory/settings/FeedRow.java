package org.pathtovictory.settings;

/** One calendar feed on the settings page; {@code newUrl} only right after it was made. */
public record FeedRow(String scope, String title, String what, String createdAt, String newUrl) {}
