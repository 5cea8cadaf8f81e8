package dev.hallmark.engine.port;

import java.util.List;

/**
 * The outcome of verifying the tamper-evident audit chain: whether it holds, and one line per station summary
 * and per finding (an edited, deleted, inserted or reordered row, a bad checkpoint signature).
 */
public record ChainCheck(boolean ok, List<String> lines) {
    public ChainCheck {
        lines = List.copyOf(lines);
    }
}
