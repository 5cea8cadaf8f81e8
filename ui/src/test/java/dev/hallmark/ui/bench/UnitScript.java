package dev.hallmark.ui.bench;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import java.time.Duration;

/** Plays the engine's events for one unit into a listener, as UnitWorkflow would. */
final class UnitScript {

    private UnitScript() {
    }

    /** Starts a unit and runs it up to and including the start of {@code upTo}; the serial appears from CLAIM on. */
    static void startUpTo(UnitListener listener, String fixture, String serial, Step upTo) {
        listener.unitStarted(fixture);
        for (Step step : Step.values()) {
            listener.stepStarted(fixture, step.compareTo(Step.CLAIM) >= 0 ? serial : null, step);
            if (step == upTo) {
                return;
            }
        }
    }

    static void pass(UnitListener listener, String fixture, String serial, String uidHex, Duration elapsed) {
        startUpTo(listener, fixture, serial, Step.SEAL);
        listener.unitFinished(new UnitOutcome(fixture, serial, DeviceUid.ofHex(uidHex), UnitResult.PASS, null, null,
                null, "ab".repeat(32), elapsed));
    }

    static void fail(UnitListener listener, String fixture, String serial, String uidHex, Step at, ErrorCode error,
                     String cause, Duration elapsed) {
        startUpTo(listener, fixture, serial, at);
        listener.unitFinished(new UnitOutcome(fixture, at.compareTo(Step.CLAIM) >= 0 ? serial : null,
                DeviceUid.ofHex(uidHex), UnitResult.FAILED, at, error, cause, null, elapsed));
    }

    /** The cause line the engine gives for a NACK at LOCK (ProvisioningException.oneLine()). */
    static String lockNackCause() {
        ErrorCode code = ErrorCode.DEVICE_NACK;
        return code.id() + " " + code.part() + ": readout protect refused (NACK 0x1F) - " + code.remedy();
    }
}
