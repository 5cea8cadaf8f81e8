package dev.hallmark.app.cli;

import dev.hallmark.app.HallmarkMain;
import dev.hallmark.app.process.ChildJvm;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.SimulatedDeviceTpm;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.swtpm.SwtpmToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            return ChildJvm.run(command, tpm.environment(), out, err, () -> { });
        } finally {
            try {
                SwtpmToken.wipe(tpmDir);
            } catch (IOException e) {
                System.err.println("hallmark: the simulated TPM's directory " + tpmDir + " could not be removed: " + e);
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
