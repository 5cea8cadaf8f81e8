package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;

/** A wire that counts the bytes each way, for the serial-time benchmark. */
final class CountingWire implements RomWire {

    private final RomWire wire;
    private long sent;
    private long received;

    CountingWire(RomWire wire) {
        this.wire = wire;
    }

    @Override
    public void write(byte[] bytes) throws ProvisioningException {
        sent += bytes.length;
        wire.write(bytes);
    }

    @Override
    public int read(byte[] buffer, Duration wait) throws ProvisioningException {
        int n = wire.read(buffer, wait);
        received += Math.max(0, n);
        return n;
    }

    @Override
    public void discardInput() throws ProvisioningException {
        wire.discardInput();
    }

    @Override
    public String path() {
        return wire.path();
    }

    @Override
    public void close() {
        wire.close();
    }

    long bytes() {
        return sent + received;
    }
}
