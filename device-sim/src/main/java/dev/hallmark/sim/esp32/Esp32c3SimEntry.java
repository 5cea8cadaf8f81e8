package dev.hallmark.sim.esp32;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;

/**
 * What {@code hallmark sim --target esp32c3 --count N} runs: starts N fresh ESP32-C3 chips on ptys (zero-latency
 * timing, as for the STM32 targets) and prints {@code READY <path>} for each. The caller keeps the returned bench
 * open while it serves and closes it at the end.
 */
public final class Esp32c3SimEntry {

    private Esp32c3SimEntry() {
    }

    /** Starts the bench and announces each chip's port on {@code out}. */
    public static Esp32c3Bench start(int count, byte[] kek, SecureRandom rng, PrintStream out) throws IOException {
        Esp32c3Bench bench = Esp32c3Bench.start(count, kek, rng, EspTiming.NONE);
        for (String path : bench.paths()) {
            out.println("READY " + path);
        }
        out.flush();
        return bench;
    }
}
