package dev.hallmark.fuse.serial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fixture's bootloader entry and exit sequence on the adapter's DTR and RTS lines, written as stm32flash's
 * {@code -i} option writes it: steps separated by commas, {@code dtr} / {@code rts} asserts a line, {@code -dtr} /
 * {@code -rts} releases it, an empty step waits 100 ms and {@code wait=N} waits N ms; a colon separates the entry
 * sequence (run after the port opens, before the first sync) from the exit sequence (run to boot the application).
 * Example for a board with RTS on BOOT0 and DTR on NRST: {@code rts,dtr,,-dtr,,:-rts,dtr,,-dtr}.
 */
public final class ResetSequence {

    /** What one run of a sequence did. */
    public enum Outcome {
        /** Every step was applied. */
        APPLIED,
        /** Nothing to do. */
        EMPTY,
        /** The port has no modem lines (a pseudo-terminal): the sequence was skipped at its first line step. */
        LINES_UNAVAILABLE
    }

    private static final long EMPTY_STEP_MILLIS = 100;
    private static final ResetSequence NONE = new ResetSequence("", List.of(), List.of());

    private final String text;
    private final List<Step> entry;
    private final List<Step> exit;

    private record Step(char line, boolean asserted, long waitMillis) {
    }

    private ResetSequence(String text, List<Step> entry, List<Step> exit) {
        this.text = text;
        this.entry = entry;
        this.exit = exit;
    }

    /** No sequence: the board is put into its bootloader by hand (or by its button). */
    public static ResetSequence none() {
        return NONE;
    }

    /** Parses {@code text}; IllegalArgumentException naming the step it does not understand. */
    public static ResetSequence parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String[] halves = text.split(":", -1);
        if (halves.length > 2) {
            throw new IllegalArgumentException("a reset sequence has at most one ':' (entry:exit): " + text);
        }
        return new ResetSequence(text.trim(), steps(halves[0]), halves.length == 2 ? steps(halves[1]) : List.of());
    }

    private static List<Step> steps(String half) {
        List<Step> steps = new ArrayList<>();
        if (half.isEmpty()) {
            return steps;
        }
        for (String raw : half.split(",", -1)) {
            String s = raw.trim().toLowerCase(Locale.ROOT);
            boolean release = s.startsWith("-");
            String name = release ? s.substring(1) : s;
            if (s.isEmpty()) {
                steps.add(new Step(' ', false, EMPTY_STEP_MILLIS));
            } else if (s.startsWith("wait=")) {
                steps.add(new Step(' ', false, parseWait(s)));
            } else if (name.equals("dtr") || name.equals("rts")) {
                steps.add(new Step(name.charAt(0), !release, 0));
            } else {
                throw new IllegalArgumentException("reset sequence step '" + raw.trim() + "' is none of dtr, -dtr, rts,"
                        + " -rts, wait=MS or empty (100 ms)");
            }
        }
        return List.copyOf(steps);
    }

    private static long parseWait(String s) {
        try {
            long ms = Long.parseLong(s.substring("wait=".length()));
            if (ms < 0 || ms > 10_000) {
                throw new IllegalArgumentException("wait=" + ms + " is outside 0..10000 ms");
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' needs a number of milliseconds", e);
        }
    }

    /** Runs the entry sequence (into the bootloader). */
    public Outcome enter(ControlLines lines) throws InterruptedException {
        return run(entry, lines);
    }

    /** Runs the exit sequence (boot the application). */
    public Outcome exit(ControlLines lines) throws InterruptedException {
        return run(exit, lines);
    }

    private static Outcome run(List<Step> steps, ControlLines lines) throws InterruptedException {
        if (steps.isEmpty()) {
            return Outcome.EMPTY;
        }
        for (Step step : steps) {
            if (step.line() == ' ') {
                lines.pause(step.waitMillis());
                continue;
            }
            boolean ok = step.line() == 'd' ? lines.dtr(step.asserted()) : lines.rts(step.asserted());
            if (!ok) {
                return Outcome.LINES_UNAVAILABLE;
            }
        }
        return Outcome.APPLIED;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "none" : text;
    }
}
