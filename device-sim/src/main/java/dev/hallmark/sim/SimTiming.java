package dev.hallmark.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a simulated device takes: wire time per byte at a baud rate (8N1 or 8E1), flash programming and erase
 * time, and the reset after a protection change. {@link #NONE} answers at once; benchmarks use {@link #realistic}.
 * Delays other than erase stay under 0.4 s, because stm32flash and the station wait about 0.5 s for an answer.
 *
 * @param baudRate     simulated line speed; 0 means no wire time
 * @param evenParity   8E1 (11 bits per byte, as the STM32 bootloader wants) instead of 8N1 (10 bits)
 * @param programPerKiB time to program 1 KiB of flash with WRITE_MEMORY
 * @param erasePerKiB  time to erase 1 KiB of flash (a 128 KiB F4 sector: 128 times this)
 * @param resetDelay   time the device is deaf after a reset; bytes sent meanwhile are lost
 */
public record SimTiming(int baudRate, boolean evenParity, Duration programPerKiB, Duration erasePerKiB,
                        Duration resetDelay) {

    private static final Duration MAX_NON_ERASE_DELAY = Duration.ofMillis(400);
    private static final int OPTION_BYTES_ERASE_EQUIVALENT = 2048;

    /** Zero latency: every answer is written as soon as the request is complete. */
    public static final SimTiming NONE = new SimTiming(0, false, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public SimTiming {
        Objects.requireNonNull(programPerKiB, "programPerKiB");
        Objects.requireNonNull(erasePerKiB, "erasePerKiB");
        Objects.requireNonNull(resetDelay, "resetDelay");
        if (baudRate < 0 || programPerKiB.isNegative() || erasePerKiB.isNegative() || resetDelay.isNegative()) {
            throw new IllegalArgumentException("simulated timing cannot be negative");
        }
        if (resetDelay.compareTo(MAX_NON_ERASE_DELAY) > 0 || programPerKiB.compareTo(MAX_NON_ERASE_DELAY) > 0) {
            throw new IllegalArgumentException("simulated reset and programming delays must stay under 0.4 s");
        }
    }

    /** Timing close to an STM32F4 at the given baud rate, 8E1: ~4 ms/KiB programming, ~8 ms/KiB erase, 50 ms reset. */
    public static SimTiming realistic(int baudRate) {
        return new SimTiming(baudRate, true, Duration.ofMillis(4), Duration.ofMillis(8), Duration.ofMillis(50));
    }

    /** Nanoseconds one byte takes on the wire (start bit, 8 data bits, parity if any, stop bit). */
    public long byteNanos() {
        if (baudRate == 0) {
            return 0;
        }
        int bits = evenParity ? 11 : 10;
        return bits * 1_000_000_000L / baudRate;
    }

    /** Nanoseconds to program the given number of bytes. */
    public long programNanos(int bytes) {
        return programPerKiB.toNanos() * bytes / 1024;
    }

    /**
     * Nanoseconds an option-byte change takes (READOUT_PROTECT, WRITE_PROTECT, a WRITE_MEMORY to the option
     * bytes): the option sector is erased and programmed, about the erase time of 2 KiB (F1: t_ERASE 20-40 ms per
     * page plus programming; F4 takes comparable time for an option-byte modification). The part resets after it.
     */
    public long optionBytesNanos() {
        return eraseNanos(OPTION_BYTES_ERASE_EQUIVALENT);
    }

    /** Nanoseconds to erase the given number of bytes. */
    public long eraseNanos(long bytes) {
        return erasePerKiB.toNanos() * bytes / 1024;
    }
}
