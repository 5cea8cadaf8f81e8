package dev.hallmark.app.cli;

/** The exit codes of the hallmark command, documented in README.md for script authors. */
public final class ExitCode {

    /** Every unit passed, or the command did what it was asked. */
    public static final int OK = 0;
    /** The run finished but some units failed; each is recorded FAILED with its step and cause. */
    public static final int UNITS_FAILED = 1;
    /** Bad input or a part that cannot be used (HSM, CA, database, data directory); nothing was provisioned. */
    public static final int CONFIGURATION = 2;
    /** {@code audit verify} / {@code lot report}: no finding, but nothing pinned the station keys (decision 0018). */
    public static final int UNPINNED = 4;
    /** Interrupted (Ctrl-C); run the same command again to continue. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
