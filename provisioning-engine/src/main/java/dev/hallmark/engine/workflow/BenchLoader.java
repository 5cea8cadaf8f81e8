package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * Puts the next device on a fixture before each unit: the operator's hands on a real bench, the
 * simulator's board swap in the demo.
 */
@FunctionalInterface
public interface BenchLoader {

    /** Returns when a device sits on the fixture; {@code unitIndex} counts units on that fixture from 0. */
    void load(Fixture fixture, int unitIndex) throws ProvisioningException;
}
