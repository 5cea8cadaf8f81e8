package dev.hallmark.sim.esp32;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a simulated ESP32-C3 takes: wire time per byte (UART 8N1 at the baud rate), SPI flash sector erase and
 * page programming, one eFuse program operation, and the reset. {@link #NONE} answers at once (tests);
 * {@link #realistic} is for benchmarks.
 *
 * @param baudRate       line speed; 0 means no wire time. CHANGE_BAUDRATE changes it while the device runs
 * @param sectorErase    erase time of one 4 KiB flash sector
 * @param programPerKiB  page-program time per KiB of flash written
 * @param efuseStartup   eFuse programming power-up before the first bit of a program operation
 * @param efusePerBit    time to burn one eFuse bit (bits are burnt one after another)
 * @param resetDelay     time the chip is deaf after a reset while the ROM boots
 */
public record EspTiming(int baudRate, Duration sectorErase, Duration programPerKiB, Duration efuseStartup,
                        Duration efusePerBit, Duration resetDelay) {

    /** Zero latency: every answer is written as soon as the request is complete. */
    public static final EspTiming NONE = new EspTiming(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO);

    public EspTiming {
        Objects.requireNonNull(sectorErase, "sectorErase");
        Objects.requireNonNull(programPerKiB, "programPerKiB");
        Objects.requireNonNull(efuseStartup, "efuseStartup");
        Objects.requireNonNull(efusePerBit, "efusePerBit");
        Objects.requireNonNull(resetDelay, "resetDelay");
        if (baudRate < 0 || sectorErase.isNegative() || programPerKiB.isNegative() || efuseStartup.isNegative()
                || efusePerBit.isNegative() || resetDelay.isNegative()) {
            throw new IllegalArgumentException("simulated timing cannot be negative");
        }
    }

    /**
     * Timing close to an ESP32-C3 module at the given baud rate: 45 ms per 4 KiB sector erase and 2.8 ms per KiB
     * programmed (a typical 4 MB SPI NOR flash), 0.5 ms eFuse power-up plus 10 us per bit burnt (the TRM's default
     * eFuse timing registers at the 20 MHz eFuse clock), 50 ms ROM boot after a reset.
     */
    public static EspTiming realistic(int baudRate) {
        return new EspTiming(baudRate, Duration.ofMillis(45), Duration.ofNanos(2800_000), Duration.ofNanos(500_000),
                Duration.ofNanos(10_000), Duration.ofMillis(50));
    }

    /** The same timing at another baud rate (after CHANGE_BAUDRATE). */
    public EspTiming atBaud(int newBaudRate) {
        if (baudRate == 0) {
            return this;
        }
        return new EspTiming(newBaudRate, sectorErase, programPerKiB, efuseStartup, efusePerBit, resetDelay);
    }

    /** Nanoseconds one byte takes on the wire: start bit, 8 data bits, stop bit. */
    public long byteNanos() {
        return baudRate == 0 ? 0 : 10 * 1_000_000_000L / baudRate;
    }

    /** Nanoseconds to erase the given number of 4 KiB sectors. */
    public long eraseNanos(int sectors) {
        return sectorErase.toNanos() * sectors;
    }

    /** Nanoseconds to program the given number of bytes of flash. */
    public long programNanos(int bytes) {
        return programPerKiB.toNanos() * bytes / 1024;
    }

    /** Nanoseconds of one eFuse program operation that burns {@code bits} bits. */
    public long efuseNanos(int bits) {
        return bits == 0 ? 0 : efuseStartup.toNanos() + efusePerBit.toNanos() * bits;
    }
}
