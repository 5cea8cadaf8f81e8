package dev.hallmark.app.config;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * A secret kept in a file readable by its owner only (0600, in a 0700 directory). Secrets are read into
 * char or byte arrays the caller wipes, and never logged or passed as process arguments.
 */
public final class SecretFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private SecretFile() {
    }

    /** A random PIN of {@code length} characters from an unambiguous alphabet. */
    public static char[] randomPin(SecureRandom random, int length) {
        char[] pin = new char[length];
        for (int i = 0; i < length; i++) {
            pin[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return pin;
    }

    public static void writeChars(Path file, char[] secret) throws ProvisioningException {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            writeBytes(file, raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public static void writeBytes(Path file, byte[] secret) throws ProvisioningException {
        try {
            Files.createDirectories(file.getParent());
            Files.setPosixFilePermissions(file.getParent(), OWNER_DIR);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(file, secret, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the secret file " + file
                    + " cannot be written", e.getMessage(), e);
        }
    }

    /** Reads a secret, refusing a file others can read. */
    public static byte[] readBytes(Path file, String what) throws ProvisioningException {
        try {
            if (!OwnerOnlyFiles.openToOthers(file).isEmpty()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the " + what + " file " + file
                        + " is readable by others; run 'chmod 600 " + file + "'");
            }
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the " + what + " file " + file + " is missing",
                    null, e);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the " + what + " file " + file
                    + " cannot be read", e.getMessage(), e);
        }
    }
}
