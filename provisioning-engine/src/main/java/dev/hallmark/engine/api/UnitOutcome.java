package dev.hallmark.engine.api;

import java.time.Duration;

/**
 * How one unit ended, as the operator and the batch script see it.
 *
 * @param serial     allocated serial, or null when the unit failed before CLAIM
 * @param uid        the device UID, or null when the unit failed before IDENTIFY finished
 * @param failedStep null on PASS
 * @param error      null on PASS
 * @param cause      one line for the operator, null on PASS
 */
public record UnitOutcome(String fixtureId, String serial, DeviceUid uid, UnitResult result, Step failedStep,
                          ErrorCode error, String cause, String certificateSha256, Duration elapsed) {

    public boolean passed() {
        return result == UnitResult.PASS;
    }
}
