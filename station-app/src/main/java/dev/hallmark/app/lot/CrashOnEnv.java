package dev.hallmark.app.lot;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.workflow.CrashHook;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume harness's crash point: when {@code HALLMARK_CRASH_AT=STEP:STATUS:SIDE} (e.g. {@code KEYGEN:DONE:after})
 * is set, the station sends SIGKILL to itself at the first journal write that matches, as a power cut would stop
 * it. Unset (production), the hook does nothing.
 */
public final class CrashOnEnv implements CrashHook {

    /** The environment variable naming the crash point. */
    public static final String ENV = "HALLMARK_CRASH_AT";

    private static final Logger LOG = LoggerFactory.getLogger(CrashOnEnv.class);

    private final Step step;
    private final StepStatus status;
    private final Side side;

    private CrashOnEnv(Step step, StepStatus status, Side side) {
        this.step = step;
        this.status = status;
        this.side = side;
    }

    /** The hook the environment names, or {@link CrashHook#NONE}; CONFIG_INVALID for a malformed point. */
    public static CrashHook fromEnvironment() throws ProvisioningException {
        String point = System.getenv(ENV);
        if (point == null || point.isBlank()) {
            return CrashHook.NONE;
        }
        String[] parts = point.trim().toUpperCase(Locale.ROOT).split(":");
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("three fields");
            }
            return new CrashOnEnv(Step.valueOf(parts[0]), StepStatus.valueOf(parts[1]), Side.valueOf(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, ENV + "='" + point + "' is not a crash point;"
                    + " write STEP:STARTED|DONE:BEFORE|AFTER, e.g. KEYGEN:DONE:after");
        }
    }

    @Override
    public void at(Step atStep, StepStatus atStatus, Side atSide) {
        if (atStep != step || atStatus != status || atSide != side) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        LOG.warn("crash point {}:{}:{} reached: the station kills itself (pid {})", step, status, side, pid);
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor();
            Thread.sleep(60_000);
        } catch (IOException e) {
            Runtime.getRuntime().halt(137);
        } catch (InterruptedException e) {
            Runtime.getRuntime().halt(137);
        }
        Runtime.getRuntime().halt(137);
    }
}
