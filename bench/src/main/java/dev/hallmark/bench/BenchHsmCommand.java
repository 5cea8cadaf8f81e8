package dev.hallmark.bench;

import dev.hallmark.app.cli.ExitCode;
import dev.hallmark.app.process.ChildJvm;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.app.station.SimulatedDeviceTpm;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.bench.BenchResult;
import dev.hallmark.hsm.bench.BenchSettings;
import dev.hallmark.hsm.bench.BenchTarget;
import dev.hallmark.hsm.bench.HsmBenchmark;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.hsm.swtpm.SwtpmToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench hsm}: keygen + CSR signature per second through Hallmark's key store and through a bare wrapper
 * loop, for SoftHSM2 and a TPM. The TPM (swtpm behind tpm2-abrmd) and the PKCS#11 modules read their settings from
 * the environment, so the measurement runs in a child JVM started with it (see {@link ChildJvm}).
 */
@Command(name = "hsm", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Key store against a bare PKCS#11 loop, for SoftHSM2 and a TPM.",
        description = {"Units (EC P-256 keygen + CSR signature + destroy) per second through",
            "Hallmark's key store and through a bare loop of the same PKCS#11 calls, store",
            "and bare rounds alternating, with each thread count, for a SoftHSM2 token (a",
            "fresh one on tmpfs, or the station's with --data-dir) and a software TPM 2.0",
            "(swtpm + tpm2-pkcs11) as a device token. One line per case on stdout:",
            "  token=softhsm threads=1 store_per_s=X bare_per_s=Y ratio=R",
            "Exit code 0; 2 if the benchmark could not be set up."})
public final class BenchHsmCommand implements Callable<Integer> {

    private static final String TPM_LABEL = "bench-tpm";
    private static final String SOFTHSM_LABEL = "bench";
    private static final int PIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tokens", paramLabel = "NAME", split = ",", splitSynopsisLabel = ",", defaultValue = "softhsm,tpm",
            description = "Tokens to measure: softhsm, tpm (default ${DEFAULT-VALUE}).")
    List<String> tokens;

    @Option(names = "--threads", paramLabel = "T", split = ",", splitSynopsisLabel = ",", defaultValue = "1,2",
            description = "Thread counts, one case each (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "8",
            description = "Measured rounds per loop and case, store and bare alternating (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--round-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Length of one round (default ${DEFAULT-VALUE}).")
    long roundMillis;

    @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "6000",
            description = "Unmeasured run of each loop before a case, long enough for the JIT (default ${DEFAULT-VALUE}).")
    long warmupMillis;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Measure the station's own SoftHSM2 token in DIR (session keys only) instead of a fresh one.")
    Path dataDir;

    @Mixin
    ChildBenchOptions child = new ChildBenchOptions();

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        BenchSettings settings;
        try {
            settings = new BenchSettings(Duration.ofMillis(warmupMillis), Duration.ofMillis(roundMillis), rounds, threads);
            if (roundMillis < 1 || warmupMillis < 0) {
                throw new IllegalArgumentException("--round-ms must be positive and --warmup-ms not negative");
            }
            if (tokens.isEmpty() || !List.of("softhsm", "tpm").containsAll(tokens)) {
                throw new IllegalArgumentException("--tokens takes softhsm and/or tpm, not " + tokens);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return child.inside ? measureHere(settings) : runChild();
    }

    /** The parent: checks the parts, starts the TPM, runs the child with their environment, cleans up. */
    private int runChild() throws ProvisioningException, InterruptedException {
        Path station = dataDir == null ? null : DataDir.resolve(dataDir).root();
        requireParts(station);
        PrintWriter err = spec.commandLine().getErr();
        Path dir = BenchWorkspace.create(child.workDir);
        SwtpmToken[] tpm = new SwtpmToken[1];
        Runnable removeDir = BenchWorkspace.cleanUpOnce(dir, child.keep, line -> {
            err.println(line);
            err.flush();
        });
        Runnable cleanUp = () -> {
            if (tpm[0] != null) {
                tpm[0].close();
            }
            removeDir.run();
        };
        try {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("SOFTHSM2_CONF", (station == null ? SoftHsmToken.confFile(dir.resolve("softhsm"))
                    : new DataDir(station).softHsmConf()).toString());
            if (tokens.contains("tpm")) {
                tpm[0] = startTpm(dir.resolve("tpm"));
                environment.putAll(tpm[0].environment());
            }
            err.println(String.format(Locale.ROOT, "bench hsm: tokens %s, threads %s, %d rounds of %d ms after %d ms "
                            + "warm-up; %d CPUs here, compare figures within one run", tokens, threads, rounds,
                    roundMillis, warmupMillis, Runtime.getRuntime().availableProcessors()));
            err.flush();
            List<String> args = child.childArgs(spec, settingsArgs(station), dir);
            List<String> command = ChildJvm.command(ChildJvm.jvmOptions(dir), BenchCaCommand.childMainClass(spec), args);
            return ChildJvm.run(command, environment, spec.commandLine().getOut(), err, cleanUp);
        } finally {
            cleanUp.run();
        }
    }

    private List<String> settingsArgs(Path station) {
        List<String> args = new ArrayList<>(List.of("--tokens", String.join(",", tokens),
                "--threads", String.join(",", threads.stream().map(String::valueOf).toList()),
                "--rounds", String.valueOf(rounds), "--round-ms", String.valueOf(roundMillis),
                "--warmup-ms", String.valueOf(warmupMillis)));
        if (station != null) {
            args.addAll(List.of("--data-dir", station.toString()));
        }
        return args;
    }

    private void requireParts(Path station) throws ProvisioningException {
        if (tokens.contains("softhsm") && !Files.isReadable(SoftHsmToken.defaultModule())) {
            throw new ProvisioningException(ErrorCode.HSM_MODULE_MISSING, "the HSM benchmark needs SoftHSM2 ("
                    + SoftHsmToken.defaultModule() + ", Debian package softhsm2), which is not installed here");
        }
        if (station != null && !Files.isRegularFile(new DataDir(station).softHsmConf())) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the data directory " + station
                    + " holds no station token yet; run 'hallmark demo --data-dir " + station + "' first");
        }
        if (tokens.contains("tpm")) {
            SimulatedDeviceTpm.requireParts("the HSM benchmark");
        }
    }

    private static SwtpmToken startTpm(Path dir) throws ProvisioningException, InterruptedException {
        try {
            return SwtpmToken.start(dir, TPM_LABEL);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.HSM_TOKEN_NOT_FOUND, "the software TPM did not start: "
                    + e.getMessage(), e.toString(), e);
        }
    }

    /** The child: makes the tokens, measures, prints. */
    private int measureHere(BenchSettings settings) throws ProvisioningException {
        List<BenchTarget> targets = new ArrayList<>();
        char[] soPin = SecretFile.randomPin(RANDOM, PIN_LENGTH);
        char[] userPin = SecretFile.randomPin(RANDOM, PIN_LENGTH);
        try {
            if (tokens.contains("softhsm")) {
                targets.add(softHsmTarget(soPin, userPin));
            }
            if (tokens.contains("tpm")) {
                char[] tpmUserPin = SecretFile.randomPin(RANDOM, PIN_LENGTH);
                SwtpmToken.createToken(SwtpmToken.module(), TPM_LABEL, soPin, tpmUserPin);
                targets.add(BenchTarget.tpm("tpm", SwtpmToken.module(), TokenSelector.byLabel(TPM_LABEL),
                        PinSource.memory(tpmUserPin)));
                Arrays.fill(tpmUserPin, '\0');
            }
        } finally {
            Arrays.fill(soPin, '\0');
            Arrays.fill(userPin, '\0');
        }
        PrintWriter out = spec.commandLine().getOut();
        List<BenchResult> results = HsmBenchmark.run(targets, settings, result -> {
            if (!child.json) {
                out.println(result.line());
                out.flush();
            }
        });
        if (child.json) {
            ChildBenchOptions.printJson(out, results.stream().map(BenchHsmCommand::json).toList());
        }
        return ExitCode.OK;
    }

    private BenchTarget softHsmTarget(char[] soPin, char[] userPin) throws ProvisioningException {
        if (dataDir != null) {
            DataDir station = new DataDir(dataDir);
            return BenchTarget.stationToken("softhsm", SoftHsmToken.defaultModule(),
                    TokenSelector.byLabel(EmbeddedStation.TOKEN_LABEL), PinSource.file(station.hsmPin()));
        }
        SoftHsmToken.initialize(child.requireWorkspace(spec).resolve("softhsm"), SOFTHSM_LABEL, soPin, userPin);
        return BenchTarget.stationToken("softhsm", SoftHsmToken.defaultModule(), TokenSelector.byLabel(SOFTHSM_LABEL),
                PinSource.memory(userPin));
    }

    static Map<String, Object> json(BenchResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("token", result.token());
        json.put("threads", result.threads());
        json.put("store_per_s", Math.round(result.storePerSecond() * 10) / 10.0);
        json.put("bare_per_s", Math.round(result.barePerSecond() * 10) / 10.0);
        json.put("ratio", Math.round(result.ratio() * 100) / 100.0);
        json.put("store_units", result.storeUnits());
        json.put("bare_units", result.bareUnits());
        json.put("store_cpu_us", Math.round(result.storeCpuMicros()));
        json.put("bare_cpu_us", Math.round(result.bareCpuMicros()));
        return json;
    }
}
