package dev.hallmark.sim;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain client on a pty's slave path: bytes out, bytes in with a timeout. Its reader only reads what is
 * available, so no thread stays blocked on the tty after close (it would steal the next client's bytes).
 */
final class PtyClient implements AutoCloseable {

    private final FileInputStream in;
    private final FileOutputStream out;
    private final BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closed;

    PtyClient(String path) throws IOException {
        in = new FileInputStream(path);
        out = new FileOutputStream(path);
        reader = new Thread(this::pump, "pty-client-" + path);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        try {
            while (!closed) {
                if (in.available() > 0) {
                    received.add(in.read());
                } else {
                    Thread.sleep(1);
                }
            }
        } catch (IOException | InterruptedException e) {
            // closed meanwhile
        }
    }

    void send(int... bytes) throws IOException {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        out.write(raw);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** The next {@code count} bytes, or fails after a second. */
    byte[] receive(int count) throws InterruptedException {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            Integer b = received.poll(1, TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("only " + i + " of " + count + " bytes arrived");
            }
            bytes[i] = (byte) (int) b;
        }
        return bytes;
    }

    /** Whether nothing arrives within the wait. */
    boolean silentFor(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        in.close();
        out.close();
    }
}
