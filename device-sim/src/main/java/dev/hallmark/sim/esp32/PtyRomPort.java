package dev.hallmark.sim.esp32;

import dev.hallmark.sim.Pty;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RomPort} on the master side of a {@link Pty}, keeping a wire clock: each received byte occupies the line
 * for its byte time from when its burst arrived, an answer leaves only when the line would have carried the request
 * and the answer's own bytes, and device delays (erase, program, boot) start after that. Deadlines, not sleep
 * durations, so the simulator's own processing does not add to the simulated wire time.
 */
final class PtyRomPort implements RomPort {

    private static final int POLL_MILLIS = 20;

    private final Pty pty;
    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    private volatile long byteNanos;
    private long lineFreeAt = System.nanoTime();
    private volatile boolean stopped;

    PtyRomPort(Pty pty, long byteNanos) {
        this.pty = pty;
        this.byteNanos = byteNanos;
    }

    /** Makes a blocked reader or writer give up within a poll period. */
    void stop() {
        stopped = true;
    }

    @Override
    public int read() throws IOException {
        while (position == limit) {
            ensureRunning();
            int n = pty.read(buffer, POLL_MILLIS);
            if (n < 0) {
                throw new PortClosedException("the pty " + pty.path() + " is closed");
            }
            position = 0;
            limit = n;
            lineFreeAt = Math.max(lineFreeAt, System.nanoTime());
        }
        lineFreeAt += byteNanos;
        return buffer[position++] & 0xFF;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        waitUntil(Math.max(lineFreeAt, System.nanoTime()) + bytes.length * byteNanos);
        int offset = 0;
        while (offset < bytes.length) {
            ensureRunning();
            int n = pty.write(bytes, offset, bytes.length - offset, POLL_MILLIS);
            if (n < 0) {
                throw new PortClosedException("the pty " + pty.path() + " is closed");
            }
            offset += n;
        }
    }

    @Override
    public void discardInput() throws IOException {
        position = 0;
        limit = 0;
        lineFreeAt = System.nanoTime();
        byte[] sink = new byte[4096];
        while (pty.read(sink, 0) > 0) {
            ensureRunning();
        }
    }

    @Override
    public void pause(long nanos) throws IOException {
        if (nanos > 0) {
            waitUntil(Math.max(lineFreeAt, System.nanoTime()) + nanos);
        }
    }

    /** Sleeps until the deadline on the wire clock, which then stands there. */
    private void waitUntil(long deadline) throws IOException {
        lineFreeAt = deadline;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortClosedException("the simulated ESP32-C3 was interrupted");
        }
        ensureRunning();
    }

    @Override
    public void byteNanos(long nanos) {
        byteNanos = nanos;
    }

    private void ensureRunning() throws PortClosedException {
        if (stopped) {
            throw new PortClosedException("the simulated ESP32-C3 on " + pty.path() + " was switched off");
        }
    }
}
