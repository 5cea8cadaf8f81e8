package dev.hallmark.app.station;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.workflow.BenchLoader;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import dev.hallmark.sim.esp32.Esp32c3Bench;
import dev.hallmark.sim.esp32.EspTiming;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's bench: fixtures backed by simulated STM32F4 devices or ESP32-C3 chips on pseudo-terminals, where the
 * next fresh board is put on a fixture before each unit; or fixtures on given serial ports, one unit each.
 */
public final class DemoBench implements BenchLoader, AutoCloseable {

    private final List<Fixture> fixtures;
    private final Simulators simulators;

    /** The simulated boards behind the fixtures: the next board onto fixture i, and switching all off. */
    private interface Simulators extends AutoCloseable {
        void replace(int index) throws java.io.IOException;

        @Override
        void close();
    }

    private DemoBench(List<Fixture> fixtures, Simulators simulators) {
        this.fixtures = List.copyOf(fixtures);
        this.simulators = simulators;
    }

    /** {@code count} fixtures, each holding a simulated ESP32-C3 (zero-latency timing) personalised with {@code kek}. */
    public static DemoBench esp32c3(int count, byte[] kek, SecureRandom random) throws ProvisioningException {
        Esp32c3Bench chips;
        try {
            chips = Esp32c3Bench.start(count, kek, random, EspTiming.NONE);
        } catch (java.io.IOException | RuntimeException e) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                    "the ESP32-C3 simulator could not open pseudo-terminals", e.toString(), e);
        }
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fixtures.add(new Fixture("F" + (i + 1), chips.paths().get(i)));
        }
        return new DemoBench(fixtures, new Simulators() {
            @Override
            public void replace(int index) throws java.io.IOException {
                chips.replaceDevice(index);
            }

            @Override
            public void close() {
                chips.close();
            }
        });
    }

    /** {@code count} fixtures, each holding a simulated device personalised with {@code kek}. */
    public static DemoBench simulated(int count, byte[] kek, SecureRandom random) throws ProvisioningException {
        SimBench bench;
        try {
            bench = SimBench.start(Stm32Family.F4, count, kek, random, SimTiming.NONE);
        } catch (java.io.IOException | RuntimeException e) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                    "the device simulator could not open pseudo-terminals", e.toString(), e);
        }
        return of(bench);
    }

    /** Fixtures on the devices of a running simulator bench; closing this closes the simulator. */
    public static DemoBench of(SimBench bench) {
        int count = bench.devices().size();
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fixtures.add(new Fixture("F" + (i + 1), bench.devices().get(i).path()));
        }
        return new DemoBench(fixtures, new Simulators() {
            @Override
            public void replace(int index) throws java.io.IOException {
                bench.replaceDevice(index);
            }

            @Override
            public void close() {
                bench.close();
            }
        });
    }

    /** The given fixtures (ports named as {@code provision} names them), one device each. */
    public static DemoBench fixtures(List<Fixture> fixtures) {
        return new DemoBench(fixtures, null);
    }

    /** Fixtures on real serial ports; the demo provisions the one device on each. */
    public static DemoBench ports(List<String> ports) {
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            // "sim:" marks a simulated board (its KEK is the simulated vendor's); the port is the path after it
            fixtures.add(new Fixture("F" + (i + 1), dev.hallmark.engine.workflow.TransportKeyRule.portOf(ports.get(i))));
        }
        return new DemoBench(fixtures, null);
    }

    public List<Fixture> fixtures() {
        return fixtures;
    }

    public boolean simulated() {
        return simulators != null;
    }

    @Override
    public void load(Fixture fixture, int unitIndex) throws ProvisioningException {
        if (unitIndex == 0) {
            return;
        }
        if (simulators == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "fixture " + fixture.id() + " on " + fixture.port() + " holds one device; give one --port per unit");
        }
        try {
            simulators.replace(fixtures.indexOf(fixture));
        } catch (java.io.IOException e) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                    "the simulator could not put the next board on fixture " + fixture.id(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        if (simulators != null) {
            simulators.close();
        }
    }
}
