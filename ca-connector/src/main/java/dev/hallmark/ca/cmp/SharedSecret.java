package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The CMP shared secret, read from a file only its owner may read; never printed, never logged. */
final class SharedSecret {


    private final char[] secret;

    private SharedSecret(char[] secret) {
        this.secret = secret;
    }

    /** Reads the secret (UTF-8, one trailing line break dropped); refuses files that group or others may read. */
    static SharedSecret read(Path file) throws ProvisioningException {
        byte[] bytes = null;
        try {
            if (!OwnerOnlyFiles.openToOthers(file).isEmpty()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CMP shared secret file " + file
                        + " may be read by others; allow its owner only (chmod 600)");
            }
            bytes = Files.readAllBytes(file);
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
            }
            if (length == 0) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CMP shared secret file " + file
                        + " is empty");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return new SharedSecret(secret);
        } catch (CharacterCodingException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CMP shared secret file " + file
                    + " is not UTF-8 text", null, null);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CMP shared secret file " + file
                    + " cannot be read", e.toString(), null);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** A copy of the secret; the caller wipes it after use. */
    char[] chars() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "SharedSecret[redacted]";
    }
}
