package dev.hallmark.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.workflow.BenchLoader;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated boards of a benchmark lot: a fresh board goes on a fixture before each unit after its first, and
 * the physical minimum of the board taken off (its {@code WireMeter}) is kept, one per unit.
 */
final class MeteredBoards implements BenchLoader {

    private final SimBench bench;
    private final SimTiming timing;
    private final List<Fixture> fixtures = new ArrayList<>();
    private final List<Long> physicalNanos = new ArrayList<>();

    MeteredBoards(SimBench bench, SimTiming timing) {
        this.bench = bench;
        this.timing = timing;
        for (int i = 0; i < bench.devices().size(); i++) {
            fixtures.add(new Fixture("F" + (i + 1), bench.device(i).path()));
        }
    }

    List<Fixture> fixtures() {
        return fixtures;
    }

    @Override
    public void load(Fixture fixture, int unitIndex) throws ProvisioningException {
        if (unitIndex == 0) {
            return;
        }
        int index = fixtures.indexOf(fixture);
        synchronized (physicalNanos) {
            physicalNanos.add(bench.device(index).meter().physicalMinimumNanos(timing));
        }
        try {
            bench.replaceDevice(index);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND, "the benchmark could not put a fresh "
                    + "board on fixture " + fixture.id(), e.toString(), e);
        }
    }

    /** The mean physical minimum of the boards provisioned, those still on the fixtures included. */
    long meanPhysicalNanos() {
        List<Long> all;
        synchronized (physicalNanos) {
            all = new ArrayList<>(physicalNanos);
        }
        for (int i = 0; i < fixtures.size(); i++) {
            all.add(bench.device(i).meter().physicalMinimumNanos(timing));
        }
        return (long) all.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
