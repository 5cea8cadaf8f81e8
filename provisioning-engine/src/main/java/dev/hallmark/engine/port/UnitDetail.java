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
 * @param reworkNote the detail of the unit's UNIT_REWORKED event (e.g. {@code by alice, approved by bob; port …}),
 *                   or null when the unit was not reworked
 */
public record UnitDetail(UnitRecord unit, List<String> caChain, LockEvidence evidence, List<StepEvent> events,
                         String scanLabel, String reworkNote) {

    public UnitDetail {
        Objects.requireNonNull(unit, "unit");
        caChain = List.copyOf(caChain);
        events = List.copyOf(events);
    }

    /** A unit that was not reworked. */
    public UnitDetail(UnitRecord unit, List<String> caChain, LockEvidence evidence, List<StepEvent> events,
                      String scanLabel) {
        this(unit, caChain, evidence, events, scanLabel, null);
    }

    /** A unit started without a scan and not reworked. */
    public UnitDetail(UnitRecord unit, List<String> caChain, LockEvidence evidence, List<StepEvent> events) {
        this(unit, caChain, evidence, events, null, null);
    }

    public Optional<LockEvidence> lockEvidence() {
        return Optional.ofNullable(evidence);
    }
}
