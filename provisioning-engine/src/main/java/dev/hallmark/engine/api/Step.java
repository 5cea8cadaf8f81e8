package dev.hallmark.engine.api;

/** The steps of one unit's path, in order (DESIGN.md). */
public enum Step {
    IDENTIFY, CLAIM, KEYGEN, CSR, ISSUE, INSTALL, LOCK, VERIFY, SEAL;

    /** Whether the step changes the device in a way the station cannot take back. */
    public boolean irreversible() {
        return this == LOCK;
    }
}
