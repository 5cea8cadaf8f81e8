package dev.hallmark.sim;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link SerialLine} fed by a test: the device thread blocks on an empty input like on a quiet wire, and the
 * test can wait until the device has consumed everything and waits again.
 */
final class ScriptedLine implements SerialLine {

    private final Deque<Integer> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean waiting;
    private boolean closed;

    synchronized void feed(byte[] bytes) {
        for (byte b : bytes) {
            input.add(b & 0xFF);
        }
        notifyAll();
    }

    /** Waits until the device blocks for input with nothing left to read. */
    synchronized void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!(waiting && input.isEmpty()) && !closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("the simulated device did not come back to waiting for input");
            }
            wait(left);
        }
    }

    /** What the device sent since the last call. */
    synchronized byte[] takeOutput() {
        byte[] bytes = output.toByteArray();
        output.reset();
        return bytes;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    @Override
    public synchronized int read() throws LineClosedException {
        while (input.isEmpty()) {
            if (closed) {
                throw new LineClosedException("test over");
            }
            waiting = true;
            notifyAll();
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LineClosedException("interrupted");
            }
        }
        waiting = false;
        return input.poll();
    }

    @Override
    public synchronized void write(byte[] bytes) {
        output.writeBytes(bytes);
    }

    @Override
    public synchronized void discardInput() {
        input.clear();
    }
}
