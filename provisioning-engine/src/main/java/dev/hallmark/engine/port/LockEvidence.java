package dev.hallmark.engine.port;

import dev.hallmark.engine.api.LockLevel;
import java.util.List;

/**
 * What VERIFY observed after the lock: the level checked, whether it holds, and each observation in plain
 * words (for example {@code READ_MEMORY 0x08000000 -> NACK 0x1F}).
 */
public record LockEvidence(LockLevel level, boolean locked, List<String> observations) {
    public LockEvidence {
        observations = List.copyOf(observations);
    }
}
