package dev.hallmark.engine.port;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying the tamper-evident audit chain: whether it holds, one line per station summary and per
 * finding (an edited, deleted, inserted or reordered row, a bad checkpoint signature, a truncation), and which pin the
 * station keys were checked against: {@code token}, {@code auditor pin}, {@code trust list} or {@code unpinned}
 * (decision 0018). An unpinned check never holds.
 */
public record ChainCheck(boolean ok, List<String> lines, String pin) {

    /** The pin of a check made without one. */
    public static final String UNPINNED = "unpinned";

    public ChainCheck {
        lines = List.copyOf(lines);
        Objects.requireNonNull(pin, "pin");
        ok = ok && !UNPINNED.equals(pin);
    }

    /** A check whose pin is not stated: it counts as unpinned. */
    public ChainCheck(boolean ok, List<String> lines) {
        this(ok, lines, UNPINNED);
    }
}
