package dev.hallmark.sim;

import java.io.IOException;

/**
 * Adds wire time to a {@link SerialLine}: bytes received are charged as a debt that is paid before the next
 * answer, and every answer takes its own bytes' time, so a reply never leaves before its request arrived.
 */
final class TimedLine implements SerialLine {

    private final SerialLine line;
    private final long byteNanos;
    private final Sleeper sleeper;
    private long debtNanos;

    TimedLine(SerialLine line, SimTiming timing, Sleeper sleeper) {
        this.line = line;
        this.byteNanos = timing.byteNanos();
        this.sleeper = sleeper;
    }

    @Override
    public int read() throws IOException {
        int b = line.read();
        debtNanos += byteNanos;
        return b;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        long nanos = debtNanos + bytes.length * byteNanos;
        debtNanos = 0;
        sleeper.pause(nanos);
        line.write(bytes);
    }

    @Override
    public void discardInput() throws IOException {
        debtNanos = 0;
        line.discardInput();
    }
}
