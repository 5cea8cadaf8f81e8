package dev.hallmark.fuse.esp32;

import java.time.Duration;
import java.util.Objects;

/**
 * Serial settings and patience of the ESP32-C3 ROM link.
 *
 * @param baudRate          line speed (the ROM autobauds on SYNC; a pty ignores it)
 * @param readTimeout       wait for the reply to a short command (esptool waits 3 s)
 * @param syncTimeout       wait for the answer to one SYNC
 * @param syncAttempts      SYNCs sent before the device counts as not answering
 * @param eraseTimeout      wait for FLASH_BEGIN (erase), FLASH_DATA and SPI_FLASH_MD5
 * @param efuseTimeout      wait for an eFuse program or read command to finish (EFUSE_CMD polled back to 0)
 * @param resetSettle       pause after the chip reboots before listening for its loader
 * @param requireSecureBoot refuse the permanent lock of a chip without a secure boot key digest, instead of
 *                          skipping SECURE_BOOT_EN (burning it without a digest would brick the chip)
 * @param secureBootDigest  the product's firmware signing key digest (32 bytes, Secure Boot V2), or null: when set,
 *                          the lock burns it into a free key block with purpose SECURE_BOOT_DIGEST0, burns
 *                          SECURE_BOOT_EN, and VERIFY confirms secure boot from outside
 */
public record EspLinkOptions(int baudRate, Duration readTimeout, Duration syncTimeout, int syncAttempts,
                             Duration eraseTimeout, Duration efuseTimeout, Duration resetSettle,
                             boolean requireSecureBoot, byte[] secureBootDigest) {

    public EspLinkOptions {
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(eraseTimeout, "eraseTimeout");
        Objects.requireNonNull(efuseTimeout, "efuseTimeout");
        Objects.requireNonNull(resetSettle, "resetSettle");
        if (baudRate <= 0 || syncAttempts < 1) {
            throw new IllegalArgumentException("baud rate and sync attempts must be positive");
        }
        if (secureBootDigest != null && secureBootDigest.length != 32) {
            throw new IllegalArgumentException("a secure boot key digest has 32 bytes");
        }
        secureBootDigest = secureBootDigest == null ? null : secureBootDigest.clone();
    }

    /** Options without a secure boot key digest. */
    public EspLinkOptions(int baudRate, Duration readTimeout, Duration syncTimeout, int syncAttempts,
                          Duration eraseTimeout, Duration efuseTimeout, Duration resetSettle, boolean requireSecureBoot) {
        this(baudRate, readTimeout, syncTimeout, syncAttempts, eraseTimeout, efuseTimeout, resetSettle,
                requireSecureBoot, null);
    }

    @Override
    public byte[] secureBootDigest() {
        return secureBootDigest == null ? null : secureBootDigest.clone();
    }

    /** The same options burning and confirming {@code digest} (null: none); a digest implies requireSecureBoot. */
    public EspLinkOptions withSecureBootDigest(byte[] digest) {
        return new EspLinkOptions(baudRate, readTimeout, syncTimeout, syncAttempts, eraseTimeout, efuseTimeout,
                resetSettle, requireSecureBoot || digest != null, digest);
    }

    /** 115200 baud, 3 s replies, 5 SYNCs of 100 ms, 10 s erase, 1 s eFuse commands, 100 ms after a reboot. */
    public static EspLinkOptions defaults() {
        return new EspLinkOptions(115_200, Duration.ofSeconds(3), Duration.ofMillis(100), 5, Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMillis(100), false);
    }

    /** The same options with {@code requireSecureBoot} set as given. */
    public EspLinkOptions withRequireSecureBoot(boolean require) {
        return new EspLinkOptions(baudRate, readTimeout, syncTimeout, syncAttempts, eraseTimeout, efuseTimeout,
                resetSettle, require, secureBootDigest);
    }
}
