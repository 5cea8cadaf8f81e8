package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.sim.Pty;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An attacker's box on the serial line between the station and a simulated STM32: it relays every byte, but
 * swallows READOUT_PROTECT ({@code 82 7D}) and answers ACK ACK itself, and from then on NACKs every READ_MEMORY
 * ({@code 11 EE}) without passing it on. The station opens {@link #path()}; the device stays at RDP 0. Commands
 * are recognised per chunk the station wrote (the link writes a command byte and its complement in one write).
 */
final class LyingLineProxy implements AutoCloseable {

    private static final byte[] READOUT_PROTECT = {(byte) 0x82, (byte) 0x7D};
    private static final byte[] READ_MEMORY = {(byte) 0x11, (byte) 0xEE};
    private static final byte ACK = 0x79;
    private static final byte NACK = 0x1F;

    private final Pty front;
    private final SerialTransport device;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean lying = new AtomicBoolean();
    private final Thread up;
    private final Thread down;

    private LyingLineProxy(Pty front, SerialTransport device) {
        this.front = front;
        this.device = device;
        this.up = new Thread(this::stationToDevice, "lying-proxy-up");
        this.down = new Thread(this::deviceToStation, "lying-proxy-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    /** A proxy in front of the device on {@code devicePath}. */
    static LyingLineProxy between(String devicePath) throws IOException, ProvisioningException {
        return new LyingLineProxy(Pty.open(), SerialTransport.open(devicePath, Stm32LockLevelsIT.FAST,
                Clock.systemUTC()));
    }

    /** Where the station connects. */
    String path() {
        return front.path();
    }

    /** Whether it has swallowed a READOUT_PROTECT (and lies about reads since). */
    boolean lying() {
        return lying.get();
    }

    private void stationToDevice() {
        byte[] buffer = new byte[2048];
        try {
            while (running.get()) {
                int n = front.read(buffer, 50);
                if (n < 0) {
                    return;
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                if (Arrays.equals(chunk, READOUT_PROTECT)) {
                    lying.set(true);
                    toStation(new byte[] {ACK, ACK});
                } else if (lying.get() && Arrays.equals(chunk, READ_MEMORY)) {
                    toStation(new byte[] {NACK});
                } else {
                    device.write(chunk);
                }
            }
        } catch (IOException | ProvisioningException e) {
            running.set(false);
        }
    }

    private void deviceToStation() {
        try {
            while (running.get()) {
                int b = device.read(Duration.ofMillis(50));
                if (b >= 0) {
                    toStation(new byte[] {(byte) b});
                }
            }
        } catch (IOException | ProvisioningException e) {
            running.set(false);
        }
    }

    private synchronized void toStation(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            int n = front.write(bytes, off, bytes.length - off, 1000);
            if (n < 0) {
                throw new IOException("the station's side of the proxy closed");
            }
            off += n;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        up.join(2000);
        down.join(2000);
        device.close();
        front.close();
    }
}
