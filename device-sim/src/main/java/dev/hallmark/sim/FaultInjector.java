package dev.hallmark.sim;

import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One board's fault stream, drawn from its own seeded {@link Random}: at each command the bootloader receives it
 * decides whether a fault happens and of which kind. NACK and DISCONNECT act on the command at once; DROP,
 * CORRUPT and STALL are armed for one of the command's next reply frames ({@link FaultyLine} applies them) and
 * are counted only if that frame is sent. Used by the board's own thread only.
 */
final class FaultInjector {

    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);
    private static final int FRAMES_PER_COMMAND = 3;

    /** An injector that never injects anything. */
    static FaultInjector none() {
        return new FaultInjector(FaultPlan.NONE, 0, new FaultCounts());
    }

    private final FaultPlan plan;
    private final Random random;
    private final List<FaultKind> kinds;
    private final FaultCounts counts;
    private int commandIndex;
    private FaultKind armed;
    private int framesUntilArmed;
    private boolean disconnected;

    FaultInjector(FaultPlan plan, long boardSeed, FaultCounts counts) {
        this.plan = plan;
        this.random = new Random(boardSeed);
        this.kinds = plan.kindList();
        this.counts = counts;
    }

    /** The seed of board {@code board} on fixture {@code fixture}, derived from the plan's seed. */
    static long boardSeed(FaultPlan plan, int fixture, long board) {
        return plan.seed() * 0x9E37_79B9_7F4A_7C15L + fixture * 1_000_003L + board;
    }

    /**
     * Called for each well-formed command before it runs.
     *
     * @return the fault that acts on the command itself (NACK or DISCONNECT), or null to run it
     */
    FaultKind beginCommand() {
        armed = null;
        int index = commandIndex++;
        FaultKind kind = plan.at().get(index);
        if (kind == null && plan.rate() > 0 && random.nextDouble() < plan.rate()) {
            kind = kinds.get(random.nextInt(kinds.size()));
        }
        if (kind == null) {
            return null;
        }
        if (kind == FaultKind.NACK || kind == FaultKind.DISCONNECT) {
            record(kind, index);
            disconnected |= kind == FaultKind.DISCONNECT;
            return kind;
        }
        armed = kind;
        framesUntilArmed = plan.at().containsKey(index) ? 0 : random.nextInt(FRAMES_PER_COMMAND);
        log.trace("command {}: {} armed for reply frame {}", index, kind, framesUntilArmed);
        return null;
    }

    /** Called before each reply frame: the fault to apply to it, or null. */
    FaultKind beforeReply() {
        if (armed == null) {
            return null;
        }
        if (framesUntilArmed-- > 0) {
            return null;
        }
        FaultKind kind = armed;
        armed = null;
        record(kind, commandIndex - 1);
        return kind;
    }

    /** The frame with one bit of one byte flipped. */
    byte[] corrupt(byte[] frame) {
        byte[] copy = frame.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    long stallNanos() {
        return plan.stall().toNanos();
    }

    /** Whether the board went silent for good. */
    boolean disconnected() {
        return disconnected;
    }

    private void record(FaultKind kind, int index) {
        counts.add(kind);
        log.debug("fault injected: {} at command {}", kind.label(), index);
    }
}
