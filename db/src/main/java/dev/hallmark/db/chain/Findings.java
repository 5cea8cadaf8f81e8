package dev.hallmark.db.chain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects findings while the verifier runs, and remembers which event rows already have one. */
final class Findings {

    private final List<ChainFinding> all = new ArrayList<>();
    private final Set<Long> flaggedEvents = new HashSet<>();

    void add(ChainFinding finding) {
        all.add(finding);
    }

    /** Adds a finding about an {@code audit_events} row, so checks of the records it feeds skip that event. */
    void addEvent(ChainFinding finding) {
        all.add(finding);
        if (finding.rowId() != null) {
            flaggedEvents.add(finding.rowId());
        }
    }

    /** Adds the findings collected by {@code other}, in their order, with the events they flag. */
    void addAll(Findings other) {
        all.addAll(other.all);
        flaggedEvents.addAll(other.flaggedEvents);
    }

    boolean flagged(long eventId) {
        return flaggedEvents.contains(eventId);
    }

    List<ChainFinding> all() {
        return all;
    }
}
