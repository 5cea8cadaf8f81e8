package dev.hallmark.sim.esp32;

import dev.hallmark.sim.Pty;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated bench of N ESP32-C3 fixtures, each a pty with a fresh chip in download mode: its own random
 * OPTIONAL_UNIQUE_ID and MAC (Espressif OUI 34:85:18). The entry point for {@code hallmark sim --target esp32c3}.
 */
public final class Esp32c3Bench implements AutoCloseable {

    /** The {@code --target} name. */
    public static final String TARGET = "esp32c3";
    private static final Logger log = LoggerFactory.getLogger(Esp32c3Bench.class);
    private static final byte[] OUI = {0x34, (byte) 0x85, 0x18};

    private final byte[] kek;
    private final SecureRandom rng;
    private final EspTiming timing;
    private final List<Pty> ptys = new ArrayList<>();
    private final List<SimulatedEsp32c3> devices = new ArrayList<>();

    private Esp32c3Bench(byte[] kek, SecureRandom rng, EspTiming timing) {
        this.kek = kek.clone();
        this.rng = rng;
        this.timing = timing;
    }

    /** Opens {@code count} ptys and powers a fresh ESP32-C3 on each. */
    public static Esp32c3Bench start(int count, byte[] kek, SecureRandom rng, EspTiming timing) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("a bench has at least one fixture, not " + count);
        }
        Esp32c3Bench bench = new Esp32c3Bench(kek, rng, timing);
        try {
            for (int i = 0; i < count; i++) {
                Pty pty = Pty.open();
                bench.ptys.add(pty);
                bench.devices.add(bench.freshChip(pty));
            }
        } catch (IOException | RuntimeException e) {
            bench.close();
            throw e;
        }
        log.info("simulated bench of {} ESP32-C3 on {}", count, bench.paths());
        return bench;
    }

    private SimulatedEsp32c3 freshChip(Pty pty) throws IOException {
        byte[] uid = new byte[Esp32c3Chip.UID_LENGTH];
        rng.nextBytes(uid);
        byte[] mac = new byte[Esp32c3Chip.MAC_LENGTH];
        rng.nextBytes(mac);
        System.arraycopy(OUI, 0, mac, 0, OUI.length);
        return SimulatedEsp32c3.start(pty, mac, uid, kek, timing);
    }

    /** The chip now on fixture {@code index}. */
    public synchronized SimulatedEsp32c3 device(int index) {
        return devices.get(index);
    }

    /** The fixtures' port paths, in order. */
    public synchronized List<String> paths() {
        return ptys.stream().map(Pty::path).toList();
    }

    /** Puts the next fresh chip on fixture {@code index} (same port path) and returns it. */
    public synchronized SimulatedEsp32c3 replaceDevice(int index) throws IOException {
        devices.get(index).close();
        SimulatedEsp32c3 fresh = freshChip(ptys.get(index));
        devices.set(index, fresh);
        return fresh;
    }

    /** Switches every chip off and closes the ptys. */
    @Override
    public synchronized void close() {
        devices.forEach(SimulatedEsp32c3::close);
        ptys.forEach(Pty::close);
        devices.clear();
        ptys.clear();
    }
}
