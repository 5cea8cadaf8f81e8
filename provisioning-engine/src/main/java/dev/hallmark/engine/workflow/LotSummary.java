package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.UnitOutcome;
import java.time.Duration;
import java.util.List;

/** The units a run provisioned, in the order they finished. */
public record LotSummary(String lot, List<UnitOutcome> outcomes, Duration elapsed) {
    public LotSummary {
        outcomes = List.copyOf(outcomes);
    }

    public long passed() {
        return outcomes.stream().filter(UnitOutcome::passed).count();
    }

    public long failed() {
        return outcomes.size() - passed();
    }

    public boolean allPassed() {
        return !outcomes.isEmpty() && failed() == 0;
    }
}
