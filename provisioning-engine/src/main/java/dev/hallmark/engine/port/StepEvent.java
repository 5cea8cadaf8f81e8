package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Step;
import java.time.Instant;

/** One append-only journal entry of a unit: a step started, done or failed, with a detail for the auditor. */
public record StepEvent(Step step, StepStatus status, Instant at, String detail) {
}
