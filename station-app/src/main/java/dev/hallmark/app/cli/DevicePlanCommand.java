package dev.hallmark.app.cli;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockPlan;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hallmark device plan}: the dry run of a lock. Reads the device's option bytes and prints what the lock
 * would change and whether it can be undone; nothing is written to the device.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Dry run of the debug lock: read the device's current option bytes and print the changes",
            "a lock to the level would make, and whether they can ever be undone. Nothing is written."})
final class DevicePlanCommand implements Callable<Integer> {

    /** The lock levels by their command-line names. */
    enum Level {
        readout(LockLevel.READOUT_PROTECTED), permanent(LockLevel.PERMANENT);

        final LockLevel level;

        Level(LockLevel level) {
            this.level = level;
        }
    }

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "Serial port of the fixture.")
    String port;

    @Option(names = "--level", required = true, paramLabel = "LEVEL",
            description = "Lock level to plan: ${COMPLETION-CANDIDATES}.")
    Level level;

    @Override
    public Integer call() throws ProvisioningException {
        Stm32LinkFactory links = new Stm32LinkFactory(Stm32LinkOptions.defaults(), Clock.systemUTC());
        try (TargetLink link = links.open(new Fixture("plan", port))) {
            DeviceInfo info = link.identify();
            LockPlan plan = link.planLock(level.level);
            print(System.out, info, plan);
        }
        return ExitCode.OK;
    }

    static void print(PrintStream out, DeviceInfo info, LockPlan plan) {
        out.println("device   " + plan.device());
        if (info.uid() != null) {
            out.println("uid      " + info.uid().hex());
        }
        out.println("level    " + plan.level() + (plan.irreversible() ? "  IRREVERSIBLE" : "  (reversible)"));
        out.println("current");
        for (Map.Entry<String, String> field : plan.current().entrySet()) {
            out.printf(Locale.ROOT, "  %-28s %s%n", field.getKey(), field.getValue());
        }
        if (plan.nothingToDo()) {
            out.println("changes  none: the device is already at this level");
        } else {
            out.println("changes");
            for (LockPlan.Change change : plan.changes()) {
                out.printf(Locale.ROOT, "  %s: %s -> %s%n    %s%n", change.field(), change.from(), change.to(),
                        change.meaning());
            }
        }
        out.println("dry run: nothing was written to the device");
    }
}
