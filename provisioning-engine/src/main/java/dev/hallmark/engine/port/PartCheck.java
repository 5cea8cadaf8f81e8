package dev.hallmark.engine.port;

/**
 * A "test connection" for one part of the station (HSM, CA, fixture): exercises the real part and says what it
 * found. May block for seconds; called off the FX thread.
 */
@FunctionalInterface
public interface PartCheck {

    /** Runs the check; never throws for a failing part, which is reported in the result. */
    Result run();

    /** What a check found: whether the part answered, and one line saying what it answered or what failed. */
    record Result(boolean ok, String line) {
    }
}
