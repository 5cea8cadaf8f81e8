package dev.hallmark.sim;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated bench: N fixtures, each a pty with a fresh board of one family in its bootloader. Replacing a
 * device puts the next fresh board (new random UID) on the same fixture, so the fixture's port path stays.
 */
public final class SimBench implements SimTargets.Running {

    private static final Logger log = LoggerFactory.getLogger(SimBench.class);

    private final Stm32Family family;
    private final byte[] kek;
    private final SecureRandom rng;
    private final SimTiming timing;
    private final FaultPlan faults;
    private final FaultCounts faultCounts = new FaultCounts();
    private final List<Long> boardsPerFixture = new ArrayList<>();
    private final List<Pty> ptys = new ArrayList<>();
    private final List<SimulatedStm32> devices = new ArrayList<>();
    private final List<Board> retired = new ArrayList<>();

    /**
     * A board as it left the bench (or is now): its UID and its readout protection level.
     *
     * @param fixture             the fixture it was on
     * @param uid                 its 96-bit unique ID
     * @param readoutProtection   0, 1 or 2
     */
    public record Board(int fixture, byte[] uid, int readoutProtection) {
        public Board {
            uid = uid.clone();
        }

        @Override
        public byte[] uid() {
            return uid.clone();
        }
    }

    private SimBench(Stm32Family family, byte[] kek, SecureRandom rng, SimTiming timing, FaultPlan faults) {
        this.faults = faults;
        this.family = family;
        this.kek = kek.clone();
        this.rng = rng;
        this.timing = timing;
    }

    /** Opens {@code count} ptys and starts a fresh board on each; UIDs come from {@code rng}. */
    public static SimBench start(Stm32Family family, int count, byte[] kek, SecureRandom rng, SimTiming timing)
            throws IOException {
        return start(family, count, kek, rng, timing, FaultPlan.NONE);
    }

    /**
     * As {@link #start(Stm32Family, int, byte[], SecureRandom, SimTiming)}, every board injecting the plan's
     * faults from its own seed (derived from the plan's seed, the fixture and the board's number on it).
     */
    public static SimBench start(Stm32Family family, int count, byte[] kek, SecureRandom rng, SimTiming timing,
                                 FaultPlan faults) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("a bench has at least one fixture, not " + count);
        }
        SimBench bench = new SimBench(family, kek, rng, timing, faults);
        try {
            for (int i = 0; i < count; i++) {
                Pty pty = Pty.open();
                bench.ptys.add(pty);
                bench.boardsPerFixture.add(0L);
                bench.devices.add(bench.freshBoard(i));
            }
        } catch (IOException | RuntimeException e) {
            bench.close();
            throw e;
        }
        log.info("simulated bench of {} {} on {}", count, family.partName(), bench.paths());
        return bench;
    }

    private SimulatedStm32 freshBoard(int fixture) throws IOException {
        byte[] uid = new byte[Stm32Family.UID_LENGTH];
        rng.nextBytes(uid);
        long board = boardsPerFixture.get(fixture);
        boardsPerFixture.set(fixture, board + 1);
        FaultInjector injector = faults.active()
                ? new FaultInjector(faults, FaultInjector.boardSeed(faults, fixture, board), faultCounts)
                : FaultInjector.none();
        return SimulatedStm32.start(family, ptys.get(fixture), uid, kek, timing, injector);
    }

    /** Every board that was on the bench, taken off or still on it, in the order they were taken off. */
    public synchronized List<Board> history() {
        List<Board> all = new ArrayList<>(retired);
        for (int i = 0; i < devices.size(); i++) {
            all.add(new Board(i, devices.get(i).uid(), devices.get(i).readoutProtectionLevel()));
        }
        return all;
    }

    /** The faults the boards injected so far. */
    public FaultCounts faultCounts() {
        return faultCounts;
    }

    /** The family of every board on this bench. */
    public Stm32Family family() {
        return family;
    }

    /** The boards now on the fixtures, in fixture order. */
    public synchronized List<SimulatedStm32> devices() {
        return List.copyOf(devices);
    }

    /** The board now on fixture {@code index}. */
    public synchronized SimulatedStm32 device(int index) {
        return devices.get(index);
    }

    /** The fixtures' port paths, in order. */
    @Override
    public synchronized List<String> paths() {
        return ptys.stream().map(Pty::path).toList();
    }

    /**
     * The operator takes the board off fixture {@code index} and puts the next fresh one on: new random UID,
     * erased flash, RDP level 0, same port path.
     *
     * @return the new board
     */
    public synchronized SimulatedStm32 replaceDevice(int index) throws IOException {
        SimulatedStm32 leaving = devices.get(index);
        leaving.close();
        retired.add(new Board(index, leaving.uid(), leaving.readoutProtectionLevel()));
        SimulatedStm32 fresh = freshBoard(index);
        devices.set(index, fresh);
        log.debug("fixture {} ({}) has a fresh board", index, fresh.path());
        return fresh;
    }

    /** Switches every board off and closes the ptys. */
    @Override
    public synchronized void close() {
        devices.forEach(SimulatedStm32::close);
        ptys.forEach(Pty::close);
        devices.clear();
        ptys.clear();
    }
}
