package dev.hallmark.db.store;

import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.engine.api.SoftwareBuild;
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
 * @param software         the software that writes: chained into every unit's UNIT_BEGUN event and kept on its row
 */
public record AuditOptions(Clock clock, Optional<CheckpointSigner> signer, int checkpointEvery,
                           boolean checkpointAtSeal, SoftwareBuild software) {

    /** The default interval of checkpoints, in events. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 256;

    public AuditOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(software, "software");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, not " + checkpointEvery);
        }
    }

    /**
     * The system clock in UTC, no signer, a checkpoint every {@value #DEFAULT_CHECKPOINT_EVERY} events and at seal,
     * this build as the software.
     */
    public static AuditOptions defaults() {
        return new AuditOptions(Clock.systemUTC(), Optional.empty(), DEFAULT_CHECKPOINT_EVERY, true, SoftwareBuild.current());
    }

    public AuditOptions withClock(Clock newClock) {
        return new AuditOptions(newClock, signer, checkpointEvery, checkpointAtSeal, software);
    }

    /** Signs checkpoints with this station key. */
    public AuditOptions withSigner(CheckpointSigner newSigner) {
        return new AuditOptions(clock, Optional.of(newSigner), checkpointEvery, checkpointAtSeal, software);
    }

    public AuditOptions withCheckpointEvery(int events) {
        return new AuditOptions(clock, signer, events, checkpointAtSeal, software);
    }

    public AuditOptions withCheckpointAtSeal(boolean atSeal) {
        return new AuditOptions(clock, signer, checkpointEvery, atSeal, software);
    }

    /** Records this software as the one that made the units (tests: an older or a newer build). */
    public AuditOptions withSoftware(SoftwareBuild build) {
        return new AuditOptions(clock, signer, checkpointEvery, checkpointAtSeal, build);
    }
}
