package dev.hallmark.db.query;

import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit as an export sees it: its record and the lock evidence VERIFY observed, if any.
 *
 * @param unit     the unit's record; its certificate PEM is null when the cursor was asked to leave it out
 * @param evidence the lock evidence, or null when none was recorded
 */
public record AuditedUnit(UnitRecord unit, LockEvidence evidence) {

    public AuditedUnit {
        Objects.requireNonNull(unit, "unit");
    }

    /** The lock evidence, if any was recorded. */
    public Optional<LockEvidence> lockEvidence() {
        return Optional.ofNullable(evidence);
    }
}
