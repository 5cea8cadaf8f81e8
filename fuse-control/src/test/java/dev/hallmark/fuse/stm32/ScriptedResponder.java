package dev.hallmark.fuse.stm32;

import dev.hallmark.sim.Pty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Function;

/** A hand-written device on a pty: every burst it receives is answered by a function, to test odd devices. */
final class ScriptedResponder implements AutoCloseable {

    private final Pty pty;
    private final Thread thread;
    private volatile boolean running = true;

    ScriptedResponder(Function<byte[], byte[]> answer) throws IOException {
        pty = Pty.open();
        thread = new Thread(() -> serve(answer), "scripted-device");
        thread.setDaemon(true);
        thread.start();
    }

    String path() {
        return pty.path();
    }

    private void serve(Function<byte[], byte[]> answer) {
        byte[] buffer = new byte[512];
        try {
            while (running) {
                int n = pty.read(buffer, 20);
                if (n > 0) {
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    burst.write(buffer, 0, n);
                    byte[] reply = answer.apply(burst.toByteArray());
                    if (reply.length > 0) {
                        pty.write(reply, 0, reply.length, 200);
                    }
                }
            }
        } catch (IOException e) {
            // pty closed
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }
}
