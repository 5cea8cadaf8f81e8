package dev.hallmark.engine.port;

/** The state a step event records. */
public enum StepStatus {
    STARTED, DONE, FAILED
}
