package dev.hallmark.engine.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One action a person took at the station, as the append-only action log keeps it.
 *
 * @param at       when
 * @param operator who signed in for it
 * @param action   what ({@code engine.access.Action} name, or SIGN_IN, BOOTSTRAP, ...)
 * @param target   what it was done to (a lot, a unit serial, an operator's name), or null
 * @param approver the second person under the two-person rule, or null
 * @param outcome  {@code OK}, {@code DENIED} or {@code FAILED}
 * @param detail   plain words for the auditor; never a secret
 */
public record ActionRecord(Instant at, String operator, String action, String target, String approver, String outcome,
                           String detail) {
    public ActionRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
