package dev.hallmark.engine.port;

import dev.hallmark.engine.api.LockLevel;
import java.util.List;

/**
 * What VERIFY observed after the lock: the level checked, whether it holds, each observation in plain words
 * (for example {@code READ_MEMORY 0x08000000 -> NACK 0x1F}) and, where the link gives them, the same
 * observations as structured records.
 */
public record LockEvidence(LockLevel level, boolean locked, List<String> observations, List<LockObservation> details) {

    public LockEvidence {
        observations = List.copyOf(observations);
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** Evidence in plain words only. */
    public LockEvidence(LockLevel level, boolean locked, List<String> observations) {
        this(level, locked, observations, List.of());
    }

    /** Evidence from structured observations; the plain words are their lines. */
    public static LockEvidence of(LockLevel level, boolean locked, List<LockObservation> details) {
        return new LockEvidence(level, locked, details.stream().map(LockObservation::line).toList(), details);
    }
}
