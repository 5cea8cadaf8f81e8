package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity key slot in the ESP32-C3's SPI flash (0x3F0000, 64 KiB): written with FLASH_BEGIN/DATA/END and
 * verified with SPI_FLASH_MD5, because the ROM cannot read flash back. Remembers the blob it wrote, which is all
 * it can ever return.
 */
final class KeySlot {

    static final int OFFSET = 0x3F_0000;
    static final int SIZE = 0x1_0000;
    private static final Logger log = LoggerFactory.getLogger(KeySlot.class);

    private final RomCommands rom;
    private final String port;
    private boolean attached;
    private byte[] written;

    KeySlot(RomCommands rom, String port) {
        this.rom = rom;
        this.port = port;
    }

    void write(byte[] blob) throws ProvisioningException {
        if (blob.length == 0 || blob.length > SIZE) {
            throw new IllegalArgumentException("an identity blob of " + blob.length + " bytes does not fit the "
                    + SIZE + "-byte key slot");
        }
        attach();
        rom.writeFlash(OFFSET, blob);
        written = blob.clone();
        log.info("{}: wrote {} bytes to the key slot at flash 0x{}", port, blob.length, Integer.toHexString(OFFSET));
    }

    /** The blob written, after the chip's MD5 of the slot's first {@code length} bytes matched it. */
    byte[] verifiedCopy(int length) throws ProvisioningException {
        if (written == null || written.length != length) {
            throw new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED, "The ESP32-C3 ROM on " + port
                    + " cannot read flash back; only a blob written on this link can be verified, by MD5.",
                    "readIdentity(" + length + ")", null);
        }
        attach();
        String device = rom.flashMd5(OFFSET, length);
        String expected = md5(written);
        if (!device.equals(expected)) {
            throw new ProvisioningException(ErrorCode.DEVICE_READBACK_MISMATCH, "The key slot of the ESP32-C3 on "
                    + port + " does not hold what was written.", "SPI_FLASH_MD5 " + device + ", written " + expected,
                    null);
        }
        log.info("{}: key slot MD5 {} matches the {} bytes written", port, device, length);
        return written.clone();
    }

    /** The chip rebooted: the SPI flash must be attached again. */
    void chipRebooted() {
        attached = false;
    }

    private void attach() throws ProvisioningException {
        if (!attached) {
            rom.attachFlash();
            attached = true;
        }
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
