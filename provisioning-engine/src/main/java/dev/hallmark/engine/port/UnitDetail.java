package dev.hallmark.engine.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the archive holds about one unit: its record (with the certificate PEM), the CA chain its
 * certificate was checked against, its lock evidence and its event timeline, oldest first.
 *
 * @param unit     the unit's record
 * @param caChain  the CA certificates above the unit's certificate, PEM, issuing CA first; empty when unknown
 * @param evidence the lock evidence VERIFY recorded, or null
 * @param events   the unit's journal in the order it was written
 * @param scanLabel the label scanned at the bench to start the unit, or null (started without a scan)
 */
public record UnitDetail(UnitRecord unit, List<String> caChain, LockEvidence evidence, List<StepEvent> events,
                         String scanLabel) {

    public UnitDetail {
        Objects.requireNonNull(unit, "unit");
        caChain = List.copyOf(caChain);
        events = List.copyOf(events);
    }

    /** A unit started without a scan. */
    public UnitDetail(UnitRecord unit, List<String> caChain, LockEvidence evidence, List<StepEvent> events) {
        this(unit, caChain, evidence, events, null);
    }

    public Optional<LockEvidence> lockEvidence() {
        return Optional.ofNullable(evidence);
    }
}
