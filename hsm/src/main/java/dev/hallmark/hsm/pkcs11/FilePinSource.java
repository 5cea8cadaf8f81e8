package dev.hallmark.hsm.pkcs11;

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
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/** A PIN read from an owner-only file each time it is needed; nothing of it is kept between logins. */
final class FilePinSource implements PinSource {

    private final Path file;

    FilePinSource(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public char[] pin() throws ProvisioningException {
        requireOwnerOnly();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The PIN file " + file + " cannot be read.",
                    e.toString(), e);
        }
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int length = chars.remaining();
            if (length > 0 && chars.get(length - 1) == '\n') {
                length--;
                if (length > 0 && chars.get(length - 1) == '\r') {
                    length--;
                }
            }
            if (length == 0) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The PIN file " + file + " is empty.");
            }
            char[] pin = new char[length];
            chars.get(pin, 0, length);
            return pin;
        } catch (CharacterCodingException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The PIN file " + file + " is not UTF-8 text.",
                    e.toString(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    private void requireOwnerOnly() throws ProvisioningException {
        try {
            Set<PosixFilePermission> permissions = OwnerOnlyFiles.openToOthers(file);
            if (!permissions.isEmpty()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The PIN file " + file
                        + " may be read or changed by other users; make it owner-only (chmod 600).",
                        "permissions " + permissions, null);
            }
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The PIN file " + file + " cannot be read.",
                    e.toString(), e);
        }
    }

    @Override
    public String describe() {
        return "the PIN file " + file;
    }
}
