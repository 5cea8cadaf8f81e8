package dev.hallmark.sim;

import java.io.IOException;
import java.util.Optional;

/**
 * The key-slot reading of docs/identity-blob.md, opened to the other simulated targets (the ESP32-C3 of
 * {@code dev.hallmark.sim.esp32}) so that every simulated device recovers an identity the same way.
 */
public final class KeySlots {

    private KeySlots() {
    }

    /**
     * Empty if the slot holds no blob; the identity if it holds a valid one.
     *
     * @throws IOException if the slot holds a blob the device would reject (the message says why)
     */
    public static Optional<InstalledIdentity> read(byte[] slot, byte[] uid, byte[] kek) throws IOException {
        return IdentityBlobReader.read(slot, uid, kek);
    }
}
