package dev.hallmark.app.cli;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hallmark sim}: simulated devices on pseudo-terminals, until stopped. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run simulated devices on pseudo-terminals until stopped (Ctrl-C).",
            "Prints 'READY <path>' for each device; point stm32flash -m 8n1 or a station at the path."})
final class SimCommand implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "stm32f4", description = "Device family: stm32f4 (default).")
    String target;

    @Option(names = "--count", defaultValue = "1", description = "Number of devices (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--kek-file", paramLabel = "FILE",
            description = "32-byte transport KEK the devices are personalised with (default: random).")
    Path kekFile;

    @Override
    public Integer call() throws Exception {
        Stm32Family family = family(target);
        if (count < 1 || count > 64) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--count must be between 1 and 64");
        }
        SecureRandom random = new SecureRandom();
        byte[] kek = new byte[32];
        if (kekFile != null) {
            kek = Files.readAllBytes(kekFile);
        } else {
            random.nextBytes(kek);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (SimBench bench = SimBench.start(family, count, kek, random, SimTiming.NONE)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                bench.close();
                stopped.countDown();
            }, "sim-stop"));
            bench.devices().forEach(d -> System.out.println("READY " + d.path()));
            System.out.flush();
            stopped.await();
        }
        return ExitCode.OK;
    }

    private static Stm32Family family(String target) throws ProvisioningException {
        String t = target.toLowerCase(Locale.ROOT);
        if (!t.startsWith("stm32")) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "unknown --target '" + target + "'; use stm32f4");
        }
        try {
            return Stm32Family.valueOf(t.substring("stm32".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "unknown --target '" + target + "'; use stm32f4");
        }
    }
}
