package dev.hallmark.db.store;

import dev.hallmark.db.chain.CheckpointSigner;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How the audit store keeps its chain: the clock for the times it stamps itself (claims, certificates, lock
 * evidence, checkpoints), the station key that signs checkpoints, and when it signs them.
 *
 * @param signer           the station key; without one the chain is kept but no checkpoint is signed
 * @param checkpointEvery  sign a checkpoint once this many events of a station are not yet covered by one
 * @param checkpointAtSeal sign a checkpoint over every sealed unit (DESIGN.md: the SEAL entry is signed)
 */
public record AuditOptions(Clock clock, Optional<CheckpointSigner> signer, int checkpointEvery,
                           boolean checkpointAtSeal) {

    /** The default interval of checkpoints, in events. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 256;

    public AuditOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signer, "signer");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, not " + checkpointEvery);
        }
    }

    /** The system clock in UTC, no signer, a checkpoint every {@value #DEFAULT_CHECKPOINT_EVERY} events and at seal. */
    public static AuditOptions defaults() {
        return new AuditOptions(Clock.systemUTC(), Optional.empty(), DEFAULT_CHECKPOINT_EVERY, true);
    }

    public AuditOptions withClock(Clock newClock) {
        return new AuditOptions(newClock, signer, checkpointEvery, checkpointAtSeal);
    }

    /** Signs checkpoints with this station key. */
    public AuditOptions withSigner(CheckpointSigner newSigner) {
        return new AuditOptions(clock, Optional.of(newSigner), checkpointEvery, checkpointAtSeal);
    }

    public AuditOptions withCheckpointEvery(int events) {
        return new AuditOptions(clock, signer, events, checkpointAtSeal);
    }

    public AuditOptions withCheckpointAtSeal(boolean atSeal) {
        return new AuditOptions(clock, signer, checkpointEvery, atSeal);
    }
}
