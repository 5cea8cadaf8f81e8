package dev.hallmark.bench;

import dev.hallmark.app.cli.ExitCode;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.sim.Stm32Family;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench serial}: serial time per unit over the STM32 bootloader link against a simulated board with
 * realistic timing, next to the physical minimum (bytes on the wire × byte time + the board's programming,
 * erase and reset delays).
 */
@Command(name = "serial", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Serial time per unit against the physical minimum of the wire and the device.",
        description = {"Provisions units over the STM32 bootloader link (identify, erase + write + read back",
            "of the key slot, readout protection, verification) against a simulated board with",
            "realistic timing: wire time at the baud rate (8E1) and datasheet programming, erase",
            "and reset delays. The physical minimum is the board's bytes on the wire times the",
            "byte time plus its own delays. One line per run on stdout:",
            "  target=stm32f4 baud=115200 per_unit_ms=X physical_min_ms=Y ratio=R bytes=B units=N"})
public final class BenchSerialCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--target", paramLabel = "NAME", defaultValue = "stm32f4",
            description = "Simulated family: stm32f4 (default), stm32f1, stm32l4 (F1/L4: no key slot, lock only).")
    String target;

    @Option(names = "--baud", paramLabel = "RATE", split = ",", defaultValue = "115200",
            description = "Baud rates, one run each (default ${DEFAULT-VALUE}).")
    List<Integer> bauds;

    @Option(names = "--units", paramLabel = "N", defaultValue = "5", description = "Units measured (default ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Units before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--blob-bytes", paramLabel = "N", defaultValue = "700",
            description = "Identity blob written and read back per unit (default ${DEFAULT-VALUE}, about a P-256 key and its certificate).")
    int blobBytes;

    @Override
    public Integer call() throws ProvisioningException {
        Stm32Family family = Stm32Family.ofTarget(target).orElseThrow(() -> new ProvisioningException(
                ErrorCode.CONFIG_INVALID, "bench serial: unknown --target " + target + "; use stm32f4, stm32f1 or stm32l4"));
        if (units < 1 || warmup < 0 || blobBytes < 0 || bauds.stream().anyMatch(b -> b < 1200)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "bench serial: --units must be at least 1, --warmup and --blob-bytes not negative, --baud at least 1200");
        }
        int blob = family.keySlotSector().isPresent() ? blobBytes : 0;
        PrintWriter out = spec.commandLine().getOut();
        for (int baud : bauds) {
            List<SerialBenchRun.Unit> measured;
            try {
                measured = new SerialBenchRun(family, baud, blob).run(units, warmup);
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                        "bench serial: the simulator could not open a pseudo-terminal", e.toString(), e);
            }
            out.println(line(target, baud, measured));
            out.flush();
        }
        return ExitCode.OK;
    }

    static String line(String target, int baud, List<SerialBenchRun.Unit> units) {
        double perUnit = units.stream().mapToLong(SerialBenchRun.Unit::nanos).average().orElse(0) / 1e6;
        double minimum = units.stream().mapToLong(SerialBenchRun.Unit::physicalMinimumNanos).average().orElse(0) / 1e6;
        long bytes = Math.round(units.stream().mapToLong(SerialBenchRun.Unit::bytes).average().orElse(0));
        StringBuilder steps = new StringBuilder();
        for (int s = 0; s < SerialBenchRun.STEPS.size(); s++) {
            int step = s;
            double ms = units.stream().mapToLong(u -> u.stepNanos()[step]).average().orElse(0) / 1e6;
            steps.append(String.format(Locale.ROOT, " %s_ms=%.1f", SerialBenchRun.STEPS.get(s), ms));
        }
        return String.format(Locale.ROOT, "target=%s baud=%d per_unit_ms=%.1f physical_min_ms=%.1f ratio=%.3f bytes=%d units=%d",
                target.toLowerCase(Locale.ROOT), baud, perUnit, minimum, minimum == 0 ? 0 : perUnit / minimum, bytes,
                units.size()) + steps;
    }
}
