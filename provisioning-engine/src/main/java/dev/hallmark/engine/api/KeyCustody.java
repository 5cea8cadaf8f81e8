package dev.hallmark.engine.api;

/** Where a device's private key lives (DESIGN.md, key custody). */
public enum KeyCustody {
    /** Generated in the device's own TPM or secure element, reached through a PKCS#11 module at the fixture. */
    ON_DEVICE,
    /** Generated in the station HSM as a session object, wrapped for the one device, written to its key slot, then destroyed. */
    INJECTED
}
