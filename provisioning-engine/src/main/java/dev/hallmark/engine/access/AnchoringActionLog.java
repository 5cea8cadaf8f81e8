package dev.hallmark.engine.access;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ActionAnchor;
import dev.hallmark.engine.port.ActionLog;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ChainedAction;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action log with the rule of decision 0018: every refusal (a wrong password, a locked account, a missing role or
 * approval) and every CA key, operator, HSM or rework action is anchored under a signed checkpoint as soon as it is
 * appended, so cutting the newest rows off the log is found. Where the station's key is not at hand (no anchor set)
 * the action waits for the next checkpoint, as before.
 */
public final class AnchoringActionLog implements ActionLog {

    private static final Logger LOG = LoggerFactory.getLogger(AnchoringActionLog.class);
    private static final Set<Action> ANCHORED_AT_ONCE = EnumSet.of(Action.CA_KEY_OPERATION, Action.CA_INIT,
            Action.OPERATOR_ADMIN, Action.HSM_ADMIN, Action.READOUT_UNPROTECT);

    private final ActionLog log;
    private volatile ActionAnchor anchor;

    public AnchoringActionLog(ActionLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Anchors through {@code newAnchor} from now on (the station key became available). */
    public void anchorWith(ActionAnchor newAnchor) {
        this.anchor = Objects.requireNonNull(newAnchor, "newAnchor");
    }

    /** Whether an anchor is set. */
    public boolean anchoring() {
        return anchor != null;
    }

    /** Whether {@code record} must be anchored at once: a refusal, or a CA key, operator, HSM or rework action. */
    public static boolean anchorsAtOnce(ActionRecord record) {
        if ("DENIED".equals(record.outcome())) {
            return true;
        }
        for (Action a : ANCHORED_AT_ONCE) {
            if (a.name().equals(record.action())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ChainedAction append(ActionRecord action) throws ProvisioningException {
        ChainedAction stored = log.append(action);
        ActionAnchor now = anchor;
        if (now != null && anchorsAtOnce(action)) {
            try {
                now.anchorNow();
            } catch (ProvisioningException e) {
                LOG.warn("action {} ({} {}) could not be anchored at once; the next checkpoint anchors it: {}",
                        stored.seq(), action.action(), action.outcome(), e.oneLine(), e);
            }
        } else if (anchorsAtOnce(action)) {
            LOG.info("action {} ({} {}) waits for the next checkpoint: the station key is not at hand", stored.seq(),
                    action.action(), action.outcome());
        }
        return stored;
    }

    @Override
    public List<ChainedAction> all() throws ProvisioningException {
        return log.all();
    }
}
