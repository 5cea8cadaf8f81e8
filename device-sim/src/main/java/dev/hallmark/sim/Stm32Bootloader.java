package dev.hallmark.sim;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AN3155 system bootloader of one simulated STM32, independent of the transport: after reset it waits for
 * the 0x7F sync (other bytes are lost to autobaud), then reads command byte + complement and dispatches. With
 * readout protection active, memory commands are NACKed; the GET commands still answer. Protection changes and
 * option-byte writes answer ACK, ACK and reset the device, which then waits for a new sync. At RDP level 2 the
 * bootloader is disabled: it reads and ignores everything. Injected faults (a {@link FaultInjector}) may refuse
 * a command or switch the device off.
 */
final class Stm32Bootloader {

    private static final Logger log = LoggerFactory.getLogger(Stm32Bootloader.class);

    private final Stm32Memory memory;
    private final Stm32Family family;
    private final BootloaderIo io;
    private final SimTiming timing;
    private final Sleeper sleeper;
    private final MemoryCommands memoryCommands;
    private final FaultInjector faults;
    private volatile boolean synced;

    Stm32Bootloader(Stm32Memory memory, SerialLine line, SimTiming timing, Sleeper sleeper) {
        this(memory, line, timing, sleeper, FaultInjector.none());
    }

    Stm32Bootloader(Stm32Memory memory, SerialLine line, SimTiming timing, Sleeper sleeper, FaultInjector faults) {
        this.faults = faults;
        this.memory = memory;
        this.family = memory.family();
        this.io = new BootloaderIo(line);
        this.timing = timing;
        this.sleeper = sleeper;
        this.memoryCommands = new MemoryCommands(memory, io, timing, sleeper);
        memoryCommands.onResetting(() -> synced = false);
    }

    /** Serves the host until the line is switched off (which ends this method with {@link LineClosedException}). */
    void serve() throws IOException {
        while (true) {
            step();
        }
    }

    /** Whether the host has synced since the last reset. */
    boolean synced() {
        return synced;
    }

    /** Handles the next byte: a sync, or one complete command. */
    void step() throws IOException {
        int first = io.read();
        if (memory.readoutLevel() == 2) {
            log.trace("{}: RDP level 2, byte 0x{} ignored", family.partName(), Integer.toHexString(first));
            return;
        }
        if (!synced) {
            if (first == An3155.SYNC) {
                synced = true;
                io.ack();
            } else {
                log.trace("{}: byte 0x{} before sync ignored", family.partName(), Integer.toHexString(first));
            }
            return;
        }
        int complement = io.read();
        if ((first ^ complement) != 0xFF || !family.supports(first)) {
            log.debug("{}: NACK for command 0x{} / 0x{}", family.partName(),
                    Integer.toHexString(first), Integer.toHexString(complement));
            io.nack();
            return;
        }
        FaultKind fault = faults.beginCommand();
        if (fault == FaultKind.NACK) {
            io.nack();
            return;
        }
        if (fault == FaultKind.DISCONNECT) {
            throw new LineClosedException(family.partName() + " disconnected by an injected fault");
        }
        dispatch(first);
    }

    private void dispatch(int command) throws IOException {
        switch (command) {
            case An3155.GET -> get();
            case An3155.GET_VERSION -> getVersion();
            case An3155.GET_ID -> getId();
            case An3155.READ_MEMORY -> memoryCommands.read();
            case An3155.WRITE_MEMORY -> {
                if (memoryCommands.write()) {
                    reset("an option-byte write");
                }
            }
            case An3155.ERASE -> memoryCommands.erase();
            case An3155.EXTENDED_ERASE -> memoryCommands.extendedErase();
            case An3155.GO -> {
                if (memoryCommands.go()) {
                    reset("GO: no firmware is simulated, the part comes back in its bootloader");
                }
            }
            case An3155.WRITE_PROTECT -> writeProtect();
            case An3155.WRITE_UNPROTECT -> writeUnprotect();
            case An3155.READOUT_PROTECT -> readoutProtect();
            case An3155.READOUT_UNPROTECT -> readoutUnprotect();
            default -> io.nack();
        }
    }

    private void get() throws IOException {
        int[] commands = family.commands();
        byte[] reply = new byte[commands.length + 4];
        reply[0] = (byte) An3155.ACK;
        reply[1] = (byte) commands.length;
        reply[2] = (byte) family.bootloaderVersion();
        for (int i = 0; i < commands.length; i++) {
            reply[3 + i] = (byte) commands[i];
        }
        reply[reply.length - 1] = (byte) An3155.ACK;
        io.send(reply);
    }

    private void getVersion() throws IOException {
        io.send(new byte[] {(byte) An3155.ACK, (byte) family.bootloaderVersion(), 0, 0, (byte) An3155.ACK});
    }

    private void getId() throws IOException {
        int pid = family.productId();
        io.send(new byte[] {(byte) An3155.ACK, 1, (byte) (pid >> 8), (byte) pid, (byte) An3155.ACK});
    }

    private void writeProtect() throws IOException {
        if (memory.readoutLevel() > 0) {
            io.nack();
            return;
        }
        io.ack();
        int n = io.read();
        byte[] sectors = io.read(n + 1);
        int checksum = io.read();
        if ((n ^ BootloaderIo.xor(sectors) ^ checksum) != 0 || !memory.protectSectors(unsigned(sectors))) {
            io.nack();
            return;
        }
        sleeper.pause(timing.optionBytesNanos());
        resetAck();
        reset("WRITE_PROTECT");
    }

    private void writeUnprotect() throws IOException {
        if (memory.readoutLevel() > 0) {
            io.nack();
            return;
        }
        io.ack();
        memory.unprotectSectors();
        sleeper.pause(timing.optionBytesNanos());
        resetAck();
        reset("WRITE_UNPROTECT");
    }

    private void readoutProtect() throws IOException {
        if (memory.readoutLevel() > 0) {
            io.nack();
            return;
        }
        io.ack();
        memory.protectReadout();
        sleeper.pause(timing.optionBytesNanos());
        resetAck();
        reset("READOUT_PROTECT");
    }

    private void readoutUnprotect() throws IOException {
        io.ack();
        sleeper.pause(timing.optionBytesNanos() + timing.eraseNanos(family.flashSize()));
        memory.unprotectReadout();
        resetAck();
        reset("READOUT_UNPROTECT");
    }

    /**
     * The last ACK of a command after which the part resets: the part is no longer synced from before the ACK leaves,
     * so a host (or a test) that saw the ACK never finds the part still synced from before its reset.
     */
    private void resetAck() throws IOException {
        synced = false;
        io.ack();
    }

    /** A system reset: the bootloader starts again and waits for a sync; bytes sent while it boots are lost. */
    private void reset(String cause) throws IOException {
        synced = false;
        log.debug("{}: system reset after {}", family.partName(), cause);
        long resetNanos = timing.resetDelay().toNanos();
        if (resetNanos > 0) {
            sleeper.pause(resetNanos);
            io.discardInput();
        }
    }

    private static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }
}
