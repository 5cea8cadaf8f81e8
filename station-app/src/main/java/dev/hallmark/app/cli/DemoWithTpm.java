package dev.hallmark.app.cli;

import dev.hallmark.app.HallmarkMain;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.app.process.ChildJvm;
import dev.hallmark.app.station.SimulatedDeviceTpm;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.ChildEnvironment;
import dev.hallmark.hsm.swtpm.SwtpmToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code demo --custody on-device}: starts the simulated boards' TPM, runs the same demo command in a child JVM
 * with the TPM's environment (tpm2-pkcs11 reads it when it loads), relays its output and exit code, and stops the
 * TPM. The TPM lives on tmpfs for the run, like the simulated boards it belongs to.
 */
final class DemoWithTpm {

    private DemoWithTpm() {
    }

    static int run(CommandLine.Model.CommandSpec spec, DataDir dir) throws ProvisioningException, InterruptedException {
        Path tpmDir = temporaryDirectory();
        try (SimulatedDeviceTpm tpm = SimulatedDeviceTpm.start(tpmDir)) {
            List<String> args = spec.root().commandLine().getParseResult().originalArgs();
            List<String> command = ChildJvm.command(ChildJvm.jvmOptions(dir.root()), HallmarkMain.class.getName(), args);
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            Map<String, String> environment = new HashMap<>(tpm.environment());
            handOverSecrets(environment, tpmDir);
            return ChildJvm.run(command, environment, out, err, () -> { });
        } finally {
            try {
                SwtpmToken.wipe(tpmDir);
            } catch (IOException e) {
                System.err.println("hallmark: the simulated TPM's directory " + tpmDir + " could not be removed: " + e);
            }
        }
    }

    /**
     * The child JVM signs in and opens the token again, but inherits no secret variable (ChildJvm scrubs them, so no
     * process's /proc/PID/environ shows one): each password or PIN variable of this process (HALLMARK_PASSWORD, a
     * PIN named by {@code pin: env:VAR}) is handed over as a 0600 file named by {@code <VAR>_FILE}, in the run's own
     * temporary directory, which is wiped when the run ends.
     */
    private static void handOverSecrets(Map<String, String> environment, Path dir) throws ProvisioningException {
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            String name = variable.getKey();
            String file = System.getenv(name + "_FILE");
            if (ChildEnvironment.secret(name) && !variable.getValue().isEmpty() && (file == null || file.isBlank())
                    && name.matches("[A-Za-z0-9_]{1,64}")) {
                Path handOver = dir.resolve("handover-" + name.toLowerCase(java.util.Locale.ROOT));
                char[] secret = variable.getValue().toCharArray();
                try {
                    SecretFile.writeChars(handOver, secret);
                } finally {
                    java.util.Arrays.fill(secret, '\0');
                }
                environment.put(name + "_FILE", handOver.toString());
            }
        }
    }

    private static Path temporaryDirectory() throws ProvisioningException {
        Path shm = Path.of("/dev/shm");
        try {
            return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "hallmark-tpm-")
                    : Files.createTempDirectory("hallmark-tpm-");
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "no temporary directory for the simulated TPM",
                    e.toString(), e);
        }
    }
}
