package dev.hallmark.sim;

import java.io.IOException;

/** A {@link SerialLine} on the master side of a {@link Pty}, with a switch to stop a blocked reader. */
final class PtyLine implements SerialLine {

    private static final int POLL_MILLIS = 20;

    private final Pty pty;
    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    private volatile boolean stopped;

    PtyLine(Pty pty) {
        this.pty = pty;
    }

    /** Makes the reader and writer give up within a poll period. */
    void stop() {
        stopped = true;
    }

    @Override
    public int read() throws IOException {
        while (position == limit) {
            ensureRunning();
            int n = pty.read(buffer, POLL_MILLIS);
            if (n < 0) {
                throw new LineClosedException("the pty " + pty.path() + " is closed");
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            ensureRunning();
            int n = pty.write(bytes, offset, bytes.length - offset, POLL_MILLIS);
            if (n < 0) {
                throw new LineClosedException("the pty " + pty.path() + " is closed");
            }
            offset += n;
        }
    }

    @Override
    public void discardInput() throws IOException {
        position = 0;
        limit = 0;
        byte[] sink = new byte[4096];
        while (pty.read(sink, 0) > 0) {
            ensureRunning();
        }
    }

    private void ensureRunning() throws LineClosedException {
        if (stopped) {
            throw new LineClosedException("the simulated device on " + pty.path() + " was switched off");
        }
    }
}
