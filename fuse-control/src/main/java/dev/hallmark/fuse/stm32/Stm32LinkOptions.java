package dev.hallmark.fuse.stm32;

import java.time.Duration;
import java.util.Objects;

/**
 * Serial settings and patience of the STM32 bootloader link. On a pseudo-terminal baud rate and parity are
 * ignored; a real USART bootloader wants 8E1.
 *
 * @param baudRate      line speed (the bootloader detects it from the 0x7F sync)
 * @param evenParity    8E1 as AN3155 specifies; false for 8N1 (a pseudo-terminal is always opened 8N1)
 * @param readTimeout   wait for an ACK or a data byte
 * @param syncTimeout   wait for the answer to one 0x7F
 * @param syncAttempts  0x7F sent before the device counts as not responding
 * @param eraseTimeout  wait for the ACK of an erase or of an option-byte change (a 128 KiB F4 sector takes 1-2 s)
 * @param resetSettle   pause after an unconfirmed option-byte write's reset before the device is asked again (the
 *                      normal path after a reset waits for nothing: it syncs at once and polls until answered)
 * @param attempts      tries of one exchange before it fails (HM-309); a re-sync comes between two tries
 */
public record Stm32LinkOptions(int baudRate, boolean evenParity, Duration readTimeout, Duration syncTimeout,
                               int syncAttempts, Duration eraseTimeout, Duration resetSettle, int attempts) {

    public Stm32LinkOptions {
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(eraseTimeout, "eraseTimeout");
        Objects.requireNonNull(resetSettle, "resetSettle");
        if (baudRate <= 0 || syncAttempts < 1 || attempts < 1) {
            throw new IllegalArgumentException("baud rate, sync attempts and attempts must be positive");
        }
    }

    /** Without {@code attempts}: three tries per exchange. */
    public Stm32LinkOptions(int baudRate, boolean evenParity, Duration readTimeout, Duration syncTimeout,
                            int syncAttempts, Duration eraseTimeout, Duration resetSettle) {
        this(baudRate, evenParity, readTimeout, syncTimeout, syncAttempts, eraseTimeout, resetSettle, 3);
    }

    /** 115200 8E1, 1 s reads, 5 syncs of 300 ms, 10 s erase, 50 ms after a reset, 3 tries per exchange. */
    public static Stm32LinkOptions defaults() {
        return new Stm32LinkOptions(115_200, true, Duration.ofSeconds(1), Duration.ofMillis(300), 5,
                Duration.ofSeconds(10), Duration.ofMillis(50), 3);
    }

    /** The same options with other read and sync timeouts (a zero-latency simulator answers in microseconds). */
    public Stm32LinkOptions withTimeouts(Duration read, Duration sync) {
        return new Stm32LinkOptions(baudRate, evenParity, read, sync, syncAttempts, eraseTimeout, resetSettle,
                attempts);
    }
}
