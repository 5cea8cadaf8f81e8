package dev.hallmark.sim;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AN3155 memory commands: READ_MEMORY, WRITE_MEMORY, GO, ERASE and EXTENDED_ERASE. Each is NACKed right
 * after its command byte while readout protection is active, as on real parts.
 */
final class MemoryCommands {

    private static final Logger log = LoggerFactory.getLogger(MemoryCommands.class);

    private final Stm32Memory memory;
    private final BootloaderIo io;
    private final SimTiming timing;
    private final Sleeper sleeper;

    /** Called just before the last ACK of a command after which the device resets, so the reset is never behind it. */
    private Runnable resetting = () -> {
    };

    void onResetting(Runnable resetting) {
        this.resetting = resetting;
    }

    MemoryCommands(Stm32Memory memory, BootloaderIo io, SimTiming timing, Sleeper sleeper) {
        this.memory = memory;
        this.io = io;
        this.timing = timing;
        this.sleeper = sleeper;
    }

    /** READ_MEMORY: address + XOR, then N-1 + complement; answers ACK and N bytes (at most 256). */
    void read() throws IOException {
        if (!acceptCommand()) {
            return;
        }
        long address = io.readAddress();
        if (address < 0 || !memory.readable(address)) {
            io.nack();
            return;
        }
        io.ack();
        int n = io.readComplemented();
        byte[] data = n < 0 ? null : memory.read(address, n + 1);
        if (data == null) {
            io.nack();
            return;
        }
        byte[] reply = new byte[data.length + 1];
        reply[0] = (byte) An3155.ACK;
        System.arraycopy(data, 0, reply, 1, data.length);
        io.send(reply);
    }

    /**
     * WRITE_MEMORY: address + XOR, then N-1, N bytes and the XOR of all of them; ACK once programmed.
     *
     * @return true if the write reprogrammed the option bytes, after which the part resets
     */
    boolean write() throws IOException {
        if (!acceptCommand()) {
            return false;
        }
        long address = io.readAddress();
        if (address < 0 || !memory.writable(address)) {
            io.nack();
            return false;
        }
        io.ack();
        int n = io.read();
        byte[] data = io.read(n + 1);
        int checksum = io.read();
        if ((n ^ BootloaderIo.xor(data) ^ checksum) != 0) {
            io.nack();
            return false;
        }
        if (memory.inOptionBytes(address, 1)) {
            if (!memory.writeOptionBytes(address, data)) {
                io.nack();
                return false;
            }
            sleeper.pause(timing.optionBytesNanos());
            resetting.run();
            io.ack();
            return true;
        }
        if (!memory.write(address, data)) {
            io.nack();
            return false;
        }
        sleeper.pause(timing.programNanos(data.length));
        io.ack();
        return false;
    }

    /** GO: address + XOR; true if the device jumped (the caller resets it, as no firmware is simulated). */
    boolean go() throws IOException {
        if (!acceptCommand()) {
            return false;
        }
        long address = io.readAddress();
        Stm32Family family = memory.family();
        boolean inFlash = address >= family.flashBase() && address < family.flashBase() + family.flashSize();
        boolean inRam = address >= family.ramBase() && address < family.ramBase() + family.ramSize();
        if (address < 0 || !(inFlash || inRam)) {
            io.nack();
            return false;
        }
        resetting.run();
        io.ack();
        log.debug("{}: GO 0x{}", family.partName(), Long.toHexString(address));
        return true;
    }

    /** ERASE (F1): N-1 and N page bytes + XOR, or 0xFF 0x00 for a global erase. */
    void erase() throws IOException {
        if (!acceptCommand()) {
            return;
        }
        int n = io.read();
        if (n == 0xFF) {
            finishMassErase(io.read() == 0x00);
            return;
        }
        byte[] pages = io.read(n + 1);
        int checksum = io.read();
        int[] sectors = new int[pages.length];
        for (int i = 0; i < pages.length; i++) {
            sectors[i] = pages[i] & 0xFF;
        }
        finishErase((n ^ BootloaderIo.xor(pages) ^ checksum) == 0, sectors);
    }

    /**
     * EXTENDED_ERASE: a 16-bit N-1 and N 16-bit sector numbers + XOR, or 0xFFFF + XOR for a mass erase. A count
     * above the family's sector count is NACKed at once instead of waiting for up to 128 KiB of sector numbers.
     */
    void extendedErase() throws IOException {
        if (!acceptCommand()) {
            return;
        }
        byte[] count = io.read(2);
        int n = ((count[0] & 0xFF) << 8) | (count[1] & 0xFF);
        if (n >= An3155.SPECIAL_ERASE_FLOOR) {
            boolean checksumOk = (BootloaderIo.xor(count) ^ io.read()) == 0;
            if (n == An3155.MASS_ERASE) {
                finishMassErase(checksumOk);
            } else {
                io.nack();
            }
            return;
        }
        if (n + 1 > memory.family().sectorCount()) {
            io.nack();
            return;
        }
        byte[] numbers = io.read(2 * (n + 1));
        int checksum = io.read();
        int[] sectors = new int[n + 1];
        for (int i = 0; i < sectors.length; i++) {
            sectors[i] = ((numbers[2 * i] & 0xFF) << 8) | (numbers[2 * i + 1] & 0xFF);
        }
        finishErase((BootloaderIo.xor(count) ^ BootloaderIo.xor(numbers) ^ checksum) == 0, sectors);
    }

    private void finishErase(boolean checksumOk, int[] sectors) throws IOException {
        if (!checksumOk || !memory.eraseSectors(sectors)) {
            io.nack();
            return;
        }
        sleeper.pause(timing.eraseNanos(memory.sizeOf(sectors)));
        io.ack();
    }

    private void finishMassErase(boolean checksumOk) throws IOException {
        if (!checksumOk || !memory.massErase()) {
            io.nack();
            return;
        }
        sleeper.pause(timing.eraseNanos(memory.family().flashSize()));
        io.ack();
    }

    /** ACKs the command byte, or NACKs it while readout protection is active. */
    private boolean acceptCommand() throws IOException {
        if (memory.readoutLevel() > 0) {
            io.nack();
            return false;
        }
        io.ack();
        return true;
    }
}
