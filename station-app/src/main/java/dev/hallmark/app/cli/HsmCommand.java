package dev.hallmark.app.cli;

import dev.hallmark.hsm.info.InfoText;
import dev.hallmark.hsm.info.Pkcs11Inspector;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The station's PKCS#11 modules, seen without a PIN. */
@Command(name = "hsm", description = "PKCS#11 modules and tokens", subcommands = HsmCommand.Info.class,
        mixinStandardHelpOptions = true)
public final class HsmCommand {

    private HsmCommand() {
    }

    /** {@code hallmark hsm info}: slots, tokens, flags and mechanisms of a module; no PIN is needed or shown. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"List the slots, tokens (label, serial, model, hardware or software, PIN state) and mechanisms",
                "of a PKCS#11 module. No PIN is asked for or shown. On the embedded default run it through ./hallmark",
                "with --data-dir so SoftHSM2 finds the station's token."})
    static final class Info implements Callable<Integer> {

        @Option(names = "--module", paramLabel = "PATH", description = "PKCS#11 module (default: SoftHSM2).")
        Path module;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory (for SOFTHSM2_CONF).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            for (String line : InfoText.lines(Pkcs11Inspector.inspect(module == null ? SoftHsmToken.defaultModule() : module))) {
                System.out.println(line);
            }
            System.out.flush();
            return ExitCode.OK;
        }
    }
}
