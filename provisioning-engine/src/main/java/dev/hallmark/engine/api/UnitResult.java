package dev.hallmark.engine.api;

/** The recorded state of a unit. */
public enum UnitResult {
    IN_PROGRESS, PASS, FAILED
}
