package dev.hallmark.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ChainedAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionChainTest {

    private List<ChainedAction> chain() {
        MemoryOperators log = new MemoryOperators();
        for (int i = 0; i < 4; i++) {
            log.append(new ActionRecord(Instant.parse("2026-11-28T10:00:00Z").plusSeconds(i), "olga", "PROVISION",
                    "L" + i, null, "OK", "exit 0"));
        }
        return new ArrayList<>(log.all());
    }

    @Test
    void anUntouchedChainHolds() {
        ActionChain.Report report = ActionChain.verify(chain());
        assertThat(report.holds()).isTrue();
        assertThat(report.actions()).isEqualTo(4);
    }

    @Test
    void anEditedFieldIsFound() {
        List<ChainedAction> chain = chain();
        ChainedAction second = chain.get(1);
        ActionRecord r = second.record();
        chain.set(1, new ChainedAction(2, new ActionRecord(r.at(), "mallory", r.action(), r.target(), r.approver(),
                r.outcome(), r.detail()), second.prevHash(), second.hash()));
        assertThat(ActionChain.verify(chain).findings()).containsExactly(
                "action 2: its fields were changed after it was written");
    }

    @Test
    void aDeletedActionIsFound() {
        List<ChainedAction> chain = chain();
        chain.remove(2);
        assertThat(ActionChain.verify(chain).findings()).contains(
                "action 4: expected sequence number 3 (an action was deleted or inserted)",
                "action 4: does not link to the action before it");
    }
}
