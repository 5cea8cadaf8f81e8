package dev.hallmark.engine.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One ISO/IEC 27402 control as applied to one unit, with the evidence the station recorded for it.
 *
 * @param control   the control ({@code engine.conformity.Control} name)
 * @param satisfied whether the evidence shows the control holds
 * @param evidence  what was observed, in words an independent lab can check against the other records
 */
public record ControlEvidence(long unitId, String control, boolean satisfied, String evidence, Instant at) {
    public ControlEvidence {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(at, "at");
    }
}
