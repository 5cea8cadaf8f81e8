package dev.hallmark.engine.conformity;

import dev.hallmark.engine.api.ConformityClass;

/** The ISO/IEC 27402 controls the station applies to a unit and records evidence for, with the class that needs each. */
public enum Control {
    /** The class the profile claimed for the unit's lot and the prerequisites the station checked before the first unit. */
    CLASS_PREREQUISITES(ConformityClass.NONE),
    /** A unique identity per unit: a UID-bound certificate, its serial and UID claimed once in the database. */
    UNIQUE_IDENTITY(ConformityClass.CLASS_1),
    /** The key pair was generated inside a token (CKA_LOCAL) and was always sensitive: never in software. */
    KEY_GENERATED_IN_TOKEN(ConformityClass.CLASS_1),
    /** The debug interfaces were locked and the lock verified from outside. */
    DEBUG_LOCKED(ConformityClass.CLASS_1),
    /** No default password: a per-unit secret generated at the bench, recorded only as a hash. */
    NO_DEFAULT_PASSWORD(ConformityClass.CLASS_1),
    /** The key was generated in a hardware token (TPM 2.0, secure element): CKF_HW_SLOT. */
    KEY_IN_HARDWARE(ConformityClass.CLASS_2),
    /** The secure-boot fuse is set and signed firmware is enforced. */
    SECURE_BOOT(ConformityClass.CLASS_2),
    /** The token is a certified cryptographic module, as declared in configuration. */
    CERTIFIED_MODULE(ConformityClass.CLASS_3),
    /** The debug interfaces are closed for good (permanent lock level). */
    PERMANENT_LOCK(ConformityClass.CLASS_3),
    /** Irreversible and sensitive actions need a second, different supervisor or admin. */
    TWO_PERSON_RULE(ConformityClass.CLASS_3);

    private final ConformityClass since;

    Control(ConformityClass since) {
        this.since = since;
    }

    /** The lowest class that requires this control. */
    public ConformityClass since() {
        return since;
    }
}
