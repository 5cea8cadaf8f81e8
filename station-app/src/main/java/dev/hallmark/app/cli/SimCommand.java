package dev.hallmark.app.cli;

import dev.hallmark.sim.SimMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hallmark sim}: simulated devices on pseudo-terminals, until stopped; the simulator's own main does the work. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run simulated devices on pseudo-terminals until stopped (Ctrl-C, or end of input).",
            "Prints 'READY <path>' for each device; point stm32flash -m 8n1 or a station at the path."})
final class SimCommand implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "stm32f4",
            description = "Device family: stm32f4 (default), stm32f1, stm32l4 (the simulator lists what it knows).")
    String target;

    @Option(names = "--count", defaultValue = "1", description = "Number of devices, 1 to 64 (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--kek-file", paramLabel = "FILE",
            description = "Transport KEK the devices are personalised with: 32 raw bytes or 64 hex digits (default: random).")
    Path kekFile;

    @Option(names = "--baud", paramLabel = "RATE",
            description = "Realistic timing: wire time at this baud rate (8E1) and datasheet programming delays (default: none).")
    Integer baud;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "Seeded fault injection, e.g. rate=0.05,seed=7,kinds=drop+corrupt+nack+stall+disconnect,at=12:nack,stall=1500ms.")
    String faults;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--target", target, "--count", Integer.toString(count)));
        if (kekFile != null) {
            args.addAll(List.of("--kek-file", kekFile.toString()));
        }
        if (baud != null) {
            args.addAll(List.of("--baud", baud.toString()));
        }
        if (faults != null) {
            args.addAll(List.of("--faults", faults));
        }
        int code = SimMain.serve(args.toArray(String[]::new));
        return code == 0 ? ExitCode.OK : ExitCode.CONFIGURATION;
    }
}
