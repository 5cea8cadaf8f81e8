package dev.hallmark.app.access;

import dev.hallmark.app.config.SecretFile;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.Console;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a password comes from, never the command line: a 0600 file named by {@code <PREFIX>_FILE}, the
 * environment variable {@code <PREFIX>} (for service accounts in scripts), or the console without echo.
 */
public final class PasswordInput {

    /** The operator's password: HALLMARK_PASSWORD_FILE, HALLMARK_PASSWORD, or a prompt. */
    public static final String OPERATOR = "HALLMARK_PASSWORD";
    /** The approver's password under the two-person rule: HALLMARK_APPROVER_PASSWORD_FILE, ..._PASSWORD, or a prompt. */
    public static final String APPROVER = "HALLMARK_APPROVER_PASSWORD";

    private final Map<String, String> environment;
    private final Console console;

    public PasswordInput(Map<String, String> environment, Console console) {
        this.environment = environment;
        this.console = console;
    }

    /** The process's own environment and console. */
    public static PasswordInput system() {
        return new PasswordInput(System.getenv(), System.console());
    }

    /** The password of {@code who}; the caller wipes the array. */
    public char[] read(String prefix, String who) throws ProvisioningException {
        String file = environment.get(prefix + "_FILE");
        if (file != null && !file.isBlank()) {
            return fromFile(Path.of(file), "password of " + who);
        }
        String value = environment.get(prefix);
        if (value != null && !value.isEmpty()) {
            return value.toCharArray();
        }
        if (console != null) {
            char[] typed = console.readPassword("password for %s: ", who);
            if (typed != null && typed.length > 0) {
                return typed;
            }
        }
        throw new ProvisioningException(ErrorCode.PASSWORD_UNAVAILABLE, "no password for " + who + " (set "
                + prefix + "_FILE to a 0600 file, or run on a terminal)");
    }

    /** A secret kept in a 0600 file, as characters (trailing newline removed). */
    public static char[] fromFile(Path file, String what) throws ProvisioningException {
        byte[] raw = SecretFile.readBytes(file, what);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw));
            int end = chars.limit();
            while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                end--;
            }
            char[] secret = new char[end];
            chars.get(secret, 0, end);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return secret;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
