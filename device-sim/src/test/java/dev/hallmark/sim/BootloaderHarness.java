package dev.hallmark.sim;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.HexFormat;
import java.util.List;

/** Drives a {@link Stm32Bootloader} with bytes and collects its answers, no pty involved. */
final class BootloaderHarness implements AutoCloseable {

    static final byte[] UID = HexFormat.of().parseHex("0102030405060708090a0b0c");

    final Stm32Memory memory;
    final ScriptedLine line = new ScriptedLine();
    final List<Long> pauses = new CopyOnWriteArrayList<>();
    final Stm32Bootloader bootloader;
    private final Thread device;
    private volatile Throwable failure;

    BootloaderHarness(Stm32Family family) {
        this(family, SimTiming.NONE);
    }

    BootloaderHarness(Stm32Family family, SimTiming timing) {
        this(family, timing, FaultInjector.none());
    }

    BootloaderHarness(Stm32Family family, SimTiming timing, FaultInjector faults) {
        memory = new Stm32Memory(family, UID);
        Sleeper recording = pauses::add;
        SerialLine faulty = new FaultyLine(line, faults, recording);
        SerialLine wire = timing.byteNanos() > 0 ? new TimedLine(faulty, timing, recording) : faulty;
        bootloader = new Stm32Bootloader(memory, wire, timing, recording, faults);
        device = new Thread(this::serve, "harness-" + family);
        device.setDaemon(true);
        device.start();
    }

    private void serve() {
        try {
            bootloader.serve();
        } catch (LineClosedException closed) {
            // test over
        } catch (Throwable e) {
            failure = e;
            line.close();
        }
    }

    @Override
    public void close() {
        line.close();
    }

    /** Sends the bytes and returns everything the device answered until it waits for more. */
    byte[] exchange(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return exchange(raw);
    }

    byte[] exchange(byte[] bytes) {
        line.feed(bytes);
        try {
            line.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure != null) {
            throw new AssertionError("the simulated device failed", failure);
        }
        return line.takeOutput();
    }

    BootloaderHarness synced() {
        byte[] answer = exchange(0x7F);
        if (answer.length != 1 || answer[0] != 0x79) {
            throw new AssertionError("sync was not ACKed");
        }
        return this;
    }

    /** Command byte and its complement. */
    static int[] command(int command) {
        return new int[] {command, ~command & 0xFF};
    }

    /** A big-endian address followed by its XOR checksum. */
    static byte[] address(long address) {
        byte[] a = {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address, 0};
        a[4] = (byte) (a[0] ^ a[1] ^ a[2] ^ a[3]);
        return a;
    }

    /** N-1, the data and the XOR of both, as WRITE_MEMORY wants them. */
    static byte[] dataFrame(byte[] data) {
        byte[] frame = new byte[data.length + 2];
        frame[0] = (byte) (data.length - 1);
        System.arraycopy(data, 0, frame, 1, data.length);
        int x = frame[0];
        for (byte b : data) {
            x ^= b;
        }
        frame[frame.length - 1] = (byte) x;
        return frame;
    }

    /** READ_MEMORY of {@code length} bytes; returns only the data, or null if any step was NACKed. */
    byte[] readMemory(long address, int length) {
        if (!acked(exchange(command(0x11))) || !acked(exchange(address(address)))) {
            return null;
        }
        byte[] answer = exchange(length - 1, ~(length - 1) & 0xFF);
        if (answer.length != length + 1 || answer[0] != 0x79) {
            return null;
        }
        return java.util.Arrays.copyOfRange(answer, 1, answer.length);
    }

    /** WRITE_MEMORY; true if the device ACKed every step. */
    boolean writeMemory(long address, byte[] data) {
        return acked(exchange(command(0x31))) && acked(exchange(address(address)))
                && acked(exchange(dataFrame(data)));
    }

    static boolean acked(byte[] answer) {
        return answer.length == 1 && answer[0] == 0x79;
    }
}
