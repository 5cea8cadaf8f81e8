package dev.hallmark.app.report;

import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.conformity.Control;
import java.util.Locale;

/** The words the report uses for controls, steps and error codes, in place of the constants the records hold. */
final class ReportText {

    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("CA", "HSM", "NACK", "UID", "PIN", "KEK",
            "CSR", "EFUSE", "DB");

    private ReportText() {
    }

    /**
     * A control as a requirement.
     *
     * @param title    the readable name
     * @param column   the short column heading of the per-unit table
     * @param perUnit  whether the station evidences it on each unit (else the product or station declares it)
     * @param byWhom   who evidences or declares it
     */
    record Requirement(String title, String column, String requirement, boolean perUnit, String byWhom) {
    }

    static Requirement requirement(String control) {
        Control c;
        try {
            c = Control.valueOf(control);
        } catch (IllegalArgumentException unknown) {
            return new Requirement(control, control, "(a control this version does not know)", true, "the station");
        }
        return switch (c) {
            case CLASS_PREREQUISITES -> new Requirement("Class claimed, prerequisites checked", "Class",
                    "The product claims a class; the station checks before the first unit that its parts can meet it.",
                    false, "the product profile (claim); the station (prerequisite check)");
            case UNIQUE_IDENTITY -> new Requirement("Unique device identity", "Unique ID",
                    "Each unit has its own identity: a certificate bound to the device's factory UID, the UID and "
                            + "serial claimed once.", true, "the station, per unit (UID claim, certificate)");
            case KEY_GENERATED_IN_TOKEN -> new Requirement("Key generated in a token", "Key in token",
                    "The device key pair is generated inside a token and never exists in software "
                            + "(CKA_LOCAL, CKA_ALWAYS_SENSITIVE read back).", true,
                    "the station, per unit (attributes read back from the token)");
            case DEBUG_LOCKED -> new Requirement("Debug interface locked", "Debug locked",
                    "The debug and boot-loader read-out paths are locked, and the lock is verified from outside.",
                    true, "the station, per unit (lock, then an outside read that is refused)");
            case NO_DEFAULT_PASSWORD -> new Requirement("No default password", "Unit secret",
                    "Each unit gets its own secret, generated at the bench; only its hash is recorded.", true,
                    "the station, per unit (secret hash)");
            case KEY_IN_HARDWARE -> new Requirement("Key in a hardware root of trust", "HW key",
                    "The key is held by a hardware token (TPM 2.0 or secure element).", true,
                    "the station, per unit (token slot flags)");
            case SECURE_BOOT -> new Requirement("Secure boot enforced", "Secure boot",
                    "The secure-boot fuse is set and only signed firmware runs.", true,
                    "the station, per unit (fuse read-back)");
            case CERTIFIED_MODULE -> new Requirement("Certified cryptographic module", "Certified module",
                    "The key token is a certified cryptographic module.", false,
                    "the station administrator (declared in station configuration)");
            case PERMANENT_LOCK -> new Requirement("Debug closed permanently", "Permanent lock",
                    "The debug interfaces are closed for good.", true, "the station, per unit (lock level)");
            case TWO_PERSON_RULE -> new Requirement("Two-person rule", "Two persons",
                    "Irreversible and sensitive actions need a second, different supervisor or admin.", false,
                    "the product profile (declared); the station (enforced in the action log)");
        };
    }

    /** The lowest class that requires {@code control}, as printed ("Class 1", "all"). */
    static String since(String control) {
        try {
            ConformityClass since = Control.valueOf(control).since();
            return since == ConformityClass.NONE ? "all" : since.label();
        } catch (IllegalArgumentException unknown) {
            return "-";
        }
    }

    /** A provisioning step by name: "KEYGEN" becomes "Key generation (KEYGEN)". */
    static String step(String step) {
        String words = switch (step == null ? "" : step) {
            case "IDENTIFY" -> "Identify the device";
            case "CLAIM" -> "Claim serial and UID";
            case "KEYGEN" -> "Key generation";
            case "CSR" -> "Certificate request";
            case "ISSUE" -> "Certificate issue";
            case "INSTALL" -> "Install on the device";
            case "LOCK" -> "Lock debug";
            case "VERIFY" -> "Verify the lock";
            case "SEAL" -> "Seal the record";
            default -> null;
        };
        return words == null ? (step == null ? "unknown" : step) : words + " (" + step + ")";
    }

    /** What an error code means: its part of the station and what to do, from the ErrorCode catalogue. */
    static String cause(String code) {
        for (ErrorCode e : ErrorCode.values()) {
            if (e.id().equals(code)) {
                StringBuilder words = new StringBuilder();
                for (String w : e.name().split("_")) {
                    String lower = w.toLowerCase(Locale.ROOT);
                    words.append(words.isEmpty() ? "" : " ").append(ACRONYMS.contains(w) ? w
                            : words.isEmpty() ? Character.toUpperCase(lower.charAt(0)) + lower.substring(1) : lower);
                }
                return words + " (" + e.part() + ")";
            }
        }
        return "not in this version's catalogue";
    }
}
