package dev.hallmark.sim;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one simulated board spent on the wire and in its own delays: bytes received and sent, and nanoseconds of
 * programming, erase, option-byte and reset delays. Together with the byte time this is the physical minimum of
 * a session: no host can finish the same exchanges faster. Thread-safe.
 */
public final class WireMeter {

    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong delayNanos = new AtomicLong();

    void received(int count) {
        bytesIn.addAndGet(count);
    }

    void sent(int count) {
        bytesOut.addAndGet(count);
    }

    void delayed(long nanos) {
        delayNanos.addAndGet(nanos);
    }

    /** Bytes the board received from the host. */
    public long bytesIn() {
        return bytesIn.get();
    }

    /** Bytes the board sent to the host. */
    public long bytesOut() {
        return bytesOut.get();
    }

    /** Nanoseconds the board spent programming, erasing and resetting. */
    public long deviceDelayNanos() {
        return delayNanos.get();
    }

    /** Bytes on the wire in both directions × the byte time, plus the board's own delays. */
    public long physicalMinimumNanos(SimTiming timing) {
        return (bytesIn() + bytesOut()) * timing.byteNanos() + deviceDelayNanos();
    }

    /** A meter counting into this one, as a line between the bootloader and the wire. */
    SerialLine meter(SerialLine line) {
        return new SerialLine() {
            @Override
            public int read() throws java.io.IOException {
                int b = line.read();
                received(1);
                return b;
            }

            @Override
            public void write(byte[] bytes) throws java.io.IOException {
                sent(bytes.length);
                line.write(bytes);
            }

            @Override
            public void discardInput() throws java.io.IOException {
                line.discardInput();
            }
        };
    }

    /** A sleeper that records every pause as a device delay before taking it. */
    Sleeper meter(Sleeper sleeper) {
        return nanos -> {
            delayed(Math.max(nanos, 0));
            sleeper.sleep(nanos);
        };
    }
}
