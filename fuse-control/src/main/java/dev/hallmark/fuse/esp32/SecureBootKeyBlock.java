package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Arrays;

/**
 * Chooses the eFuse key block for a product's secure boot key digest (ESP-IDF's espefuse {@code burn_key ...
 * SECURE_BOOT_DIGEST0} does the same by hand): a block that already holds this digest with a digest purpose is used
 * again; a block holding another digest refuses the chip (HM-321); else the first free block — purpose USER, all
 * zero, neither the block nor its purpose write-protected, not read-protected — takes it (none free: HM-322).
 */
final class SecureBootKeyBlock {

    static final int FIRST_DIGEST_PURPOSE = 9;
    static final int LAST_DIGEST_PURPOSE = 11;
    private static final int FIRST_KEY_BLOCK_WR_DIS = 23;

    private SecureBootKeyBlock() {
    }

    /** The WR_DIS bit of key block KEY{@code k} (BLOCK4+k: bit 23+k). */
    static int wrDisBitOfKeyBlock(int k) {
        return FIRST_KEY_BLOCK_WR_DIS + k;
    }

    static int choose(EfuseSnapshot map, int[][] keyBlocks, int[] digestWords, String port)
            throws ProvisioningException {
        int[] purposes = map.keyPurposes();
        int otherDigest = -1;
        for (int k = 0; k < purposes.length; k++) {
            if (purposes[k] >= FIRST_DIGEST_PURPOSE && purposes[k] <= LAST_DIGEST_PURPOSE) {
                if (Arrays.equals(keyBlocks[k], digestWords)) {
                    return k;
                }
                otherDigest = k;
            }
        }
        if (otherDigest >= 0) {
            throw new ProvisioningException(ErrorCode.DEVICE_SECURE_BOOT_OTHER_DIGEST, "The ESP32-C3 on " + port
                    + " already holds another secure boot key digest in BLOCK_KEY" + otherDigest
                    + ", so it would only boot firmware signed by another key.", "KEY" + otherDigest + " purpose "
                    + purposes[otherDigest], null);
        }
        long rdDis = map.value(EfuseField.RD_DIS);
        for (int k = 0; k < purposes.length; k++) {
            boolean free = purposes[k] == 0 && Arrays.stream(keyBlocks[k]).allMatch(w -> w == 0)
                    && !map.writeProtected(wrDisBitOfKeyBlock(k))
                    && !map.writeProtected(EfuseField.KEY_PURPOSES[k].wrDisBit()) && (rdDis >>> k & 1) == 0;
            if (free) {
                return k;
            }
        }
        throw new ProvisioningException(ErrorCode.DEVICE_NO_FREE_KEY_BLOCK, "The ESP32-C3 on " + port
                + " has no free eFuse key block for the secure boot key digest.", "KEY_PURPOSE "
                + Arrays.toString(purposes), null);
    }
}
