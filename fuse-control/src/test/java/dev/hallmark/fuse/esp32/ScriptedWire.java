package dev.hallmark.fuse.esp32;

import dev.hallmark.testkit.fake.MutableClock;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A wire with a script of incoming bytes: each read hands out a chunk; once the script is used up, a read lets
 * the whole wait pass on the test's clock and returns nothing, as a silent device does.
 */
final class ScriptedWire implements RomWire {

    private final Deque<byte[]> incoming = new ArrayDeque<>();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final MutableClock clock;
    private final int chunk;

    ScriptedWire(MutableClock clock, byte[] script, int chunk) {
        this.clock = clock;
        this.chunk = Math.max(1, chunk);
        for (int i = 0; i < script.length; i += this.chunk) {
            incoming.add(Arrays.copyOfRange(script, i, Math.min(script.length, i + this.chunk)));
        }
    }

    @Override
    public void write(byte[] bytes) {
        sent.writeBytes(bytes);
    }

    @Override
    public int read(byte[] buffer, Duration wait) {
        byte[] next = incoming.poll();
        if (next == null) {
            clock.advance(wait);
            return 0;
        }
        int n = Math.min(buffer.length, next.length);
        System.arraycopy(next, 0, buffer, 0, n);
        if (n < next.length) {
            incoming.addFirst(Arrays.copyOfRange(next, n, next.length));
        }
        return n;
    }

    @Override
    public void discardInput() {
        // the script holds what the device will answer later, nothing has arrived yet to be dropped
    }

    @Override
    public String path() {
        return "/dev/scripted";
    }

    byte[] sent() {
        return sent.toByteArray();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
