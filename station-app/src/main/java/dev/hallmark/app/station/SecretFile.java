package dev.hallmark.app.station;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
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

    /** Reads a PIN; trailing line breaks are dropped. Refuses a file others can read. */
    public static char[] readChars(Path file, String what) throws ProvisioningException {
        byte[] raw = readBytes(file, what);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw));
            int end = chars.limit();
            while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                end--;
            }
            char[] out = new char[end];
            chars.get(out, 0, end);
            Arrays.fill(chars.array(), '\0');
            return out;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public static byte[] readBytes(Path file, String what) throws ProvisioningException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
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
