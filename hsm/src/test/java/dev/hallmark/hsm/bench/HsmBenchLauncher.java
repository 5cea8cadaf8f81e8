package dev.hallmark.hsm.bench;

import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.hsm.tpm.SwtpmToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link HsmBenchmark} on a fresh SoftHSM2 token on tmpfs and, where swtpm is installed, on a software TPM
 * through tpm2-pkcs11 (developer tool, test scope; docs/performance.md shows the command). Both PKCS#11 modules
 * read their configuration from the environment, so this starts the TPM, then runs itself again as a child JVM
 * with that environment, and cleans up after it. Settings: -Dbench.warmupMs, -Dbench.roundMs, -Dbench.rounds,
 * -Dbench.threads=1,2, -Dbench.tpm=false, -Dbench.softhsm=false.
 */
public final class HsmBenchLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(HsmBenchLauncher.class);
    private static final String DIR_ENV = "HALLMARK_BENCH_DIR";
    private static final String TPM_PIN_ENV = "HALLMARK_BENCH_TPM_PIN_FILE";

    private HsmBenchLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv(DIR_ENV) == null) {
            System.exit(parent());
        }
        child(Path.of(System.getenv(DIR_ENV)));
    }

    private static int parent() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/dev/shm"), "hallmark-bench-");
        SwtpmToken tpm = null;
        try {
            if (Boolean.parseBoolean(System.getProperty("bench.tpm", "true")) && onPath("swtpm")) {
                tpm = SwtpmToken.start(dir.resolve("tpm"), "bench-tpm");
            }
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path")));
            System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.") || name.startsWith("logback."))
                    .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
            command.add(HsmBenchLauncher.class.getName());
            ProcessBuilder child = new ProcessBuilder(command).inheritIO();
            child.environment().put(DIR_ENV, dir.toString());
            child.environment().put("SOFTHSM2_CONF", SoftHsmToken.confFile(dir.resolve("softhsm")).toString());
            if (tpm != null) {
                child.environment().putAll(tpm.environment());
                child.environment().put(TPM_PIN_ENV, tpm.userPinFile().toString());
            }
            return child.start().waitFor();
        } finally {
            if (tpm != null) {
                tpm.close();
            }
            SwtpmToken.wipe(dir);
        }
    }

    private static void child(Path dir) throws Exception {
        char[] soPin = randomPin();
        char[] userPin = randomPin();
        SoftHsmToken.initialize(dir.resolve("softhsm"), "bench", soPin, userPin);
        List<BenchTarget> targets = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("bench.softhsm", "true"))) {
            targets.add(BenchTarget.stationToken("softhsm", SoftHsmToken.defaultModule(),
                    TokenSelector.byLabel("bench"), PinSource.memory(userPin)));
        }
        Arrays.fill(soPin, '\0');
        Arrays.fill(userPin, '\0');
        String tpmPin = System.getenv(TPM_PIN_ENV);
        if (tpmPin != null) {
            targets.add(BenchTarget.tpm("tpm", SwtpmToken.module(), TokenSelector.byLabel("bench-tpm"),
                    PinSource.file(Path.of(tpmPin))));
        }
        List<Integer> threads = Arrays.stream(System.getProperty("bench.threads", "1,2").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        BenchSettings standard = BenchSettings.standard();
        BenchSettings settings = new BenchSettings(
                Duration.ofMillis(Long.getLong("bench.warmupMs", standard.warmup().toMillis())),
                Duration.ofMillis(Long.getLong("bench.roundMs", standard.round().toMillis())),
                Integer.getInteger("bench.rounds", standard.rounds()), threads);
        LOG.info("Benchmark: {} round(s) of {} per loop after {} warm-up, threads {}, targets {}", settings.rounds(),
                settings.round(), settings.warmup(), threads, targets.stream().map(BenchTarget::name).toList());
        for (BenchResult result : HsmBenchmark.run(targets, settings)) {
            LOG.info("RESULT {}  (cpu per unit: store {} us, bare {} us, cpu ratio {}; units {} / {})", result.line(),
                    Math.round(result.storeCpuMicros()), Math.round(result.bareCpuMicros()),
                    String.format(java.util.Locale.ROOT, "%.2f", result.cpuRatio()), result.storeUnits(),
                    result.bareUnits());
        }
    }

    private static boolean onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    private static char[] randomPin() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).toCharArray();
    }
}
