package dev.hallmark.sim.esp32;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A port fed from a script; the end of the script switches the chip off. Output and simulated time are recorded. */
final class ScriptedRomPort implements RomPort {

    private final Deque<Integer> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private long pausedNanos;
    private long byteNanos;

    ScriptedRomPort(byte[]... scripts) {
        for (byte[] script : scripts) {
            for (byte b : script) {
                input.add(b & 0xFF);
            }
        }
    }

    @Override
    public int read() throws PortClosedException {
        Integer b = input.poll();
        if (b == null) {
            throw new PortClosedException("end of script");
        }
        return b;
    }

    @Override
    public void write(byte[] bytes) {
        pausedNanos += bytes.length * byteNanos;
        output.writeBytes(bytes);
    }

    @Override
    public void discardInput() {
        input.clear();
    }

    @Override
    public void pause(long nanos) {
        pausedNanos += Math.max(0, nanos);
    }

    @Override
    public void byteNanos(long nanos) {
        byteNanos = nanos;
    }

    byte[] output() {
        return output.toByteArray();
    }

    long pausedNanos() {
        return pausedNanos;
    }
}
