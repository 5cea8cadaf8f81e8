package dev.hallmark.engine.api;

/**
 * The ISO/IEC 27402 security capability class a product claims; each class includes the requirements of the one
 * below it. The prerequisites the station checks for each are in {@code engine.conformity.ClassPrerequisites}.
 */
public enum ConformityClass {
    /** No class is claimed: the station checks nothing beyond its own rules. */
    NONE(0),
    /** Basic: unique identity, keys born in a token, debug locked and verified, no default password. */
    CLASS_1(1),
    /** Enhanced: in addition a hardware root of trust (TPM 2.0 / secure element), secure boot, signed firmware. */
    CLASS_2(2),
    /** High: in addition a certified cryptographic module, the permanent lock, the two-person rule. */
    CLASS_3(3);

    private final int level;

    ConformityClass(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** Whether this class includes the requirements of {@code other}. */
    public boolean includes(ConformityClass other) {
        return level >= other.level;
    }

    /** As printed in reports: {@code Class 2}, or {@code none}. */
    public String label() {
        return level == 0 ? "none" : "Class " + level;
    }

    /** Parses {@code 1}, {@code class-2}, {@code CLASS_3}, {@code none}; IllegalArgumentException otherwise. */
    public static ConformityClass parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace("CLASS", "").replace("-", "").replace("_", "")
                .replace(" ", "");
        return switch (t) {
            case "", "0", "NONE" -> NONE;
            case "1" -> CLASS_1;
            case "2" -> CLASS_2;
            case "3" -> CLASS_3;
            default -> throw new IllegalArgumentException("unknown ISO/IEC 27402 class '" + text + "'; use 1, 2, 3 or none");
        };
    }
}
