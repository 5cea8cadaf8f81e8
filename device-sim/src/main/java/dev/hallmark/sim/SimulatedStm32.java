package dev.hallmark.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated STM32 board in its system bootloader, served on a {@link Pty} by its own thread. It was
 * personalised with the product line's transport KEK, so it can recover an identity written to its key slot.
 * The pty belongs to the caller (a {@link SimBench} keeps it across replaced boards).
 */
public final class SimulatedStm32 implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedStm32.class);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final Stm32Memory memory;
    private final byte[] kek;
    private final Pty pty;
    private final SimTiming timing;
    private final Sleeper sleeper;
    private final FaultInjector faults;
    private final WireMeter meter = new WireMeter();
    private final Object lifecycle = new Object();
    private PtyLine line;
    private Thread server;
    private volatile Stm32Bootloader bootloader;

    private SimulatedStm32(Stm32Memory memory, byte[] kek, Pty pty, SimTiming timing, Sleeper sleeper,
                           FaultInjector faults) {
        this.faults = faults;
        this.memory = memory;
        this.kek = kek.clone();
        this.pty = pty;
        this.timing = timing;
        this.sleeper = sleeper;
    }

    /**
     * Powers a fresh board (erased flash, RDP level 0) on the pty and starts serving; it is ready for a client
     * when this returns.
     *
     * @param uid the 12-byte hardware unique ID
     * @param kek the 32-byte transport key-encryption key the silicon vendor personalised it with
     */
    public static SimulatedStm32 start(Stm32Family family, Pty pty, byte[] uid, byte[] kek, SimTiming timing)
            throws IOException {
        return start(family, pty, uid, kek, timing, FaultInjector.none());
    }

    /** As {@link #start(Stm32Family, Pty, byte[], byte[], SimTiming)}, with faults injected from the stream. */
    static SimulatedStm32 start(Stm32Family family, Pty pty, byte[] uid, byte[] kek, SimTiming timing,
                                FaultInjector faults) throws IOException {
        if (kek.length != 32) {
            throw new IllegalArgumentException("the transport KEK has 32 bytes, not " + kek.length);
        }
        SimulatedStm32 device = new SimulatedStm32(new Stm32Memory(family, uid), kek, pty, timing, Sleeper.REAL,
                faults);
        pty.discardPending();
        device.powerOn();
        return device;
    }

    private void powerOn() {
        synchronized (lifecycle) {
            PtyLine ptyLine = new PtyLine(pty);
            SerialLine faulty = new FaultyLine(ptyLine, faults, sleeper);
            SerialLine wire = meter.meter(timing.byteNanos() > 0 ? new TimedLine(faulty, timing, sleeper) : faulty);
            Stm32Bootloader bl = new Stm32Bootloader(memory, wire, timing, meter.meter(sleeper), faults);
            Thread thread = new Thread(() -> serve(bl), "sim-" + memory.family().partName() + "-" + pty.slavePath());
            thread.setDaemon(true);
            line = ptyLine;
            bootloader = bl;
            server = thread;
            thread.start();
        }
    }

    private void serve(Stm32Bootloader bl) {
        try {
            bl.serve();
        } catch (LineClosedException e) {
            log.debug("{}: {}", pty.path(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("the simulated {} on {} stopped", memory.family().partName(), pty.path(), e);
        }
    }

    private void powerOff() {
        synchronized (lifecycle) {
            if (server == null) {
                return;
            }
            line.stop();
            try {
                server.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (server.isAlive()) {
                log.warn("the simulator thread of {} did not stop in time", pty.path());
            }
            server = null;
        }
    }

    /** Presses reset: the bootloader restarts and waits for a new sync; memory and protection are kept. */
    public void reset() {
        powerOff();
        try {
            pty.discardPending();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        powerOn();
    }

    /** Bytes and device delays of this board since it was powered, across resets. */
    public WireMeter meter() {
        return meter;
    }

    /** The path a client opens. */
    public String path() {
        return pty.path();
    }

    public Stm32Family family() {
        return memory.family();
    }

    /** The 96-bit hardware unique ID. */
    public byte[] uid() {
        return memory.uid();
    }

    /** The option bytes as a debug probe would read them at the family's option-byte address. */
    public byte[] optionBytes() {
        return memory.optionBytes();
    }

    /** Whether the sector (page on F1 and L4) is write-protected. */
    public boolean sectorWriteProtected(int sector) {
        return memory.sectorWriteProtected(sector);
    }

    /** 0, 1 or 2, from the RDP option byte. */
    public int readoutProtectionLevel() {
        return memory.readoutLevel();
    }

    /** Whether a host has synced with the bootloader since its last reset. */
    public boolean synced() {
        return bootloader.synced();
    }

    /** Memory as a debug probe sees it, whatever the protection; null where nothing is mapped. */
    public byte[] peek(long address, int length) {
        return memory.read(address, length);
    }

    /** The identity in the key slot, if a valid blob is there; a blob the device rejects is logged and empty. */
    public Optional<InstalledIdentity> installedIdentity() {
        Stm32Family family = memory.family();
        if (family.keySlotSector().isEmpty()) {
            return Optional.empty();
        }
        int sector = family.keySlotSector().get();
        byte[] slot = memory.read(family.keySlotAddress(), family.sectorSize(sector));
        try {
            return IdentityBlobReader.read(slot, memory.uid(), kek);
        } catch (IdentityBlobReader.InvalidIdentityException e) {
            log.warn("the simulated {} on {} rejects its key slot: {}", family.partName(), pty.path(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Switches the board off; the pty stays open. */
    @Override
    public void close() {
        powerOff();
    }

    @Override
    public String toString() {
        return "SimulatedStm32[" + memory.family().partName() + " on " + pty.path() + "]";
    }
}
