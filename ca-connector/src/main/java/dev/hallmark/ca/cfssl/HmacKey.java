package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cfssl "standard" auth key: HMAC-SHA256 over the request bytes. Read from a file only its owner can
 * read (0600 or stricter), in hex as cfssl's config holds it; never printed, never logged.
 */
final class HmacKey {

    /** cfssl accepts shorter keys; a station does not. */
    static final int MIN_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private HmacKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    static HmacKey of(byte[] key) {
        return new HmacKey(key.clone());
    }

    /** Reads the key file, refusing one that group or others may read or write. */
    static HmacKey read(Path file) throws ProvisioningException {
        try {
            if (!OwnerOnlyFiles.openToOthers(file).isEmpty()) {
                throw invalid("the cfssl HMAC key file " + file + " is open to group or others; restrict it with chmod 600");
            }
            byte[] raw = Files.readAllBytes(file);
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(new String(raw, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw invalid("the cfssl HMAC key file " + file + " does not hold a key in hex");
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
            if (bytes.length < MIN_BYTES) {
                throw invalid("the cfssl HMAC key in " + file + " is shorter than " + MIN_BYTES + " bytes");
            }
            return new HmacKey(bytes);
        } catch (NoSuchFileException e) {
            throw invalid("the cfssl HMAC key file " + file + " does not exist");
        } catch (UnsupportedOperationException e) {
            throw invalid("the rights of the cfssl HMAC key file " + file + " cannot be checked on this file system");
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the cfssl HMAC key file " + file + " cannot be read", e.getClass().getSimpleName(), e);
        }
    }

    /** HMAC-SHA256 of the data under this key. */
    byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "HmacKey[redacted]";
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, message);
    }
}
