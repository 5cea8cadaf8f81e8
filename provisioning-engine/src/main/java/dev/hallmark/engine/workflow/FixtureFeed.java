package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * Puts the next device on a fixture before each new unit, or says the fixture has none left for this run (a bench
 * where each fixture holds one board per run, or a board that is already locked).
 */
@FunctionalInterface
public interface FixtureFeed {

    /** True when a device sits on the fixture ready for a new unit; {@code unitIndex} counts new units from 0. */
    boolean next(Fixture fixture, int unitIndex) throws ProvisioningException;

    /** A feed that always has the next device, loaded by the bench loader. */
    static FixtureFeed of(BenchLoader loader) {
        return (fixture, index) -> {
            loader.load(fixture, index);
            return true;
        };
    }
}
