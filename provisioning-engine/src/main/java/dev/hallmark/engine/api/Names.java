package dev.hallmark.engine.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The character set every name the station prints, stores and files under must keep: lot names, serials (and the
 * serial patterns that make them) and scanned board labels. 1 to 64 of {@code A-Z a-z 0-9 . _ / -}, starting
 * with a letter or digit: the units manifest's set. A refusal never quotes the name (an ESC sequence or a newline
 * in it would reach the terminal or forge a line a script reads); it names the first bad character by position
 * and code point.
 */
public final class Names {

    /** Longest name accepted. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    private Names() {
    }

    /** The lot name, or HM-607. */
    public static String lot(String name) throws ProvisioningException {
        return require(ErrorCode.LOT_NAME_INVALID, "lot name", name);
    }

    /** The scanned label, stripped of surrounding blanks, or HM-607. */
    public static String label(String scanned) throws ProvisioningException {
        return require(ErrorCode.LOT_NAME_INVALID, "scanned label", scanned == null ? null : scanned.strip());
    }

    /** The serial, or HM-606 (a pattern produced it, so the pattern is at fault). */
    public static String serial(String serial) throws ProvisioningException {
        return require(ErrorCode.LOT_SERIAL_PATTERN_INVALID, "serial", serial);
    }

    /** Whether the name keeps the character set and length. */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** What is wrong with the name, in words that do not quote it; empty when it is valid. */
    public static Optional<String> problem(String name) {
        if (valid(name)) {
            return Optional.empty();
        }
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("has " + name.length() + " characters, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = cp < 0x80 && (Character.isLetterOrDigit(cp) || (i > 0 && ".-_/".indexOf(cp) >= 0));
            if (!ok) {
                String kind = Character.isISOControl(cp) ? "a control character" : "the character";
                return Optional.of("has " + kind + " U+" + String.format("%04X", cp) + " at position " + (i + 1));
            }
            i += Character.charCount(cp);
        }
        return Optional.of("is not a name");
    }

    private static String require(ErrorCode code, String what, String name) throws ProvisioningException {
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            throw new ProvisioningException(code, "the " + what + " " + problem.get() + "; use 1 to " + MAX_LENGTH
                    + " of A-Z a-z 0-9 . _ / -, starting with a letter or digit");
        }
        return name;
    }
}
