package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.port.SecureBootObservation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Confirms secure boot on an ESP32-C3 from outside, after the lock: the profile's key digest read back from its
 * eFuse key block equals the profile's, the block's purpose is SECURE_BOOT_DIGEST0..2 and it is write-protected,
 * SECURE_BOOT_EN reads burnt, GET_SECURITY_INFO reports secure boot enabled, and the boot text after the reboot
 * shows the ROM refusing an image that is not signed. The result is one observation for the VERIFY evidence.
 */
final class SecureBootCheck {

    /** GET_SECURITY_INFO flag bit 0: SECURE_BOOT_EN. */
    static final int FLAG_SECURE_BOOT = 1;
    /** What the (simulated) ROM prints when secure boot refuses the image in flash; see docs/esp32.md. */
    static final String ROM_REFUSAL = "secure boot check fail";

    private final List<String> seen = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    /** Checks the eFuse map, the key blocks and the security info flags read before the reboot. */
    void fuses(byte[] digest, EfuseSnapshot map, int[][] keyBlocks, byte[] securityInfo) {
        int[] wanted = EfusePlan.digestWords(digest);
        int[] purposes = map.keyPurposes();
        int block = -1;
        for (int k = 0; k < purposes.length; k++) {
            if (purposes[k] >= SecureBootKeyBlock.FIRST_DIGEST_PURPOSE
                    && purposes[k] <= SecureBootKeyBlock.LAST_DIGEST_PURPOSE && Arrays.equals(keyBlocks[k], wanted)) {
                block = k;
            }
        }
        if (block < 0) {
            missing.add("no key block with a SECURE_BOOT_DIGEST purpose reads back the profile's digest "
                    + HexFormat.of().formatHex(digest));
        } else {
            seen.add("BLOCK_KEY" + block + " reads back " + HexFormat.of().formatHex(digest)
                    + " (the profile's signing key digest), KEY_PURPOSE_" + block + " = " + purposes[block]
                    + " (SECURE_BOOT_DIGEST" + (purposes[block] - SecureBootKeyBlock.FIRST_DIGEST_PURPOSE) + ")");
            boolean protectedBlock = map.writeProtected(SecureBootKeyBlock.wrDisBitOfKeyBlock(block));
            (protectedBlock ? seen : missing).add("WR_DIS[" + SecureBootKeyBlock.wrDisBitOfKeyBlock(block) + "] "
                    + (protectedBlock ? "set: the digest is write-protected" : "not set: the digest could be added to"));
        }
        long enabled = map.value(EfuseField.SECURE_BOOT_EN);
        (enabled == 1 ? seen : missing).add("SECURE_BOOT_EN = " + enabled);
        if (securityInfo == null || securityInfo.length < 4) {
            missing.add("GET_SECURITY_INFO gave no flags");
        } else {
            int flags = ByteBuffer.wrap(securityInfo).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            boolean on = (flags & FLAG_SECURE_BOOT) != 0;
            (on ? seen : missing).add(String.format("GET_SECURITY_INFO flags=0x%X: secure boot %s", flags,
                    on ? "enabled" : "NOT enabled"));
        }
    }

    /** What the chip printed after the reboot. */
    void bootText(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains(ROM_REFUSAL)) {
            seen.add("after the reboot the ROM refused the unsigned image in flash (\"" + ROM_REFUSAL + "\")");
        } else {
            missing.add("the boot text after the reboot shows no secure boot check (" + text.length() + " bytes)");
        }
    }

    /** Fuses could not be read on this link (a resumed unit found silent). */
    void notReadable(String why) {
        missing.add(why);
    }

    boolean confirmed() {
        return missing.isEmpty() && !seen.isEmpty();
    }

    /** The observation for the VERIFY evidence, prefixed as {@link SecureBootObservation} defines. */
    String observation() {
        return confirmed() ? SecureBootObservation.CONFIRMED + String.join(", ", seen)
                : SecureBootObservation.NOT_CONFIRMED + String.join(", ", missing)
                        + (seen.isEmpty() ? "" : " (seen: " + String.join(", ", seen) + ")");
    }
}
