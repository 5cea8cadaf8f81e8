package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A monotonic counter of a station's audit-chain head kept where the audit database cannot rewrite it (a data object
 * in the station token): advanced with each signed checkpoint, read by the verifier, which names a database whose
 * newest checkpoint lies behind it (docs/decisions/0018-audit-pins-and-head-counter.md).
 */
public interface ChainHeadWitness {

    /** The head of a checkpoint: station, seq and head hash (lower-case hex SHA-256). */
    record Head(String station, long seq, String hash) {

        private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

        public Head {
            Objects.requireNonNull(station, "station");
            if (seq < 1) {
                throw new IllegalArgumentException("a checkpointed head has seq 1 or more, not " + seq);
            }
            if (hash == null || !HEX64.matcher(hash).matches()) {
                throw new IllegalArgumentException("the head hash is not a lower-case hex SHA-256");
            }
        }
    }

    /** The head the witness holds for the station, empty when it has none yet. */
    Optional<Head> read(String station) throws ProvisioningException;

    /** Moves the station's head forward to {@code head}; a head at or behind the one held is ignored. */
    void advance(Head head) throws ProvisioningException;
}
