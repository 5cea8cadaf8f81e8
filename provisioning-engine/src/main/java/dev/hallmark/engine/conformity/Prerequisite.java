package dev.hallmark.engine.conformity;

/** One prerequisite of a class, checked against the configured parts: met or not, and why in words. */
public record Prerequisite(Control control, boolean met, String reason) {
}
