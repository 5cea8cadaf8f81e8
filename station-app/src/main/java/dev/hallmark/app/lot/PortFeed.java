package dev.hallmark.app.lot;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.workflow.FixtureFeed;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of a bench of serial ports: each fixture holds one board per run (the operator puts the next boards on
 * and runs the same command again). A board that is already locked (provisioned by an earlier run) is skipped with
 * a note rather than failed; a port that does not answer is left to the unit, which records the failure.
 */
public final class PortFeed implements FixtureFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PortFeed.class);

    private final TargetLinkFactory links;
    private final Consumer<String> note;

    public PortFeed(TargetLinkFactory links, Consumer<String> note) {
        this.links = links;
        this.note = note;
    }

    @Override
    public boolean next(Fixture fixture, int unitIndex) {
        if (unitIndex > 0) {
            return false;
        }
        try (TargetLink link = links.open(fixture)) {
            DeviceInfo info = link.identify();
            if (info.readoutProtected()) {
                note.accept("fixture " + fixture.id() + " (" + fixture.port() + "): the board is already locked;"
                        + " skipped - put the next board on and run again");
                return false;
            }
        } catch (ProvisioningException e) {
            LOG.info("fixture {}: probe failed ({}); the unit will record it", fixture.id(), e.oneLine());
        }
        return true;
    }
}
