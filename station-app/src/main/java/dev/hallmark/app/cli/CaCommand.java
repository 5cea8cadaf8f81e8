package dev.hallmark.app.cli;

import dev.hallmark.app.station.DataDir;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The embedded CA's public side. */
@Command(name = "ca", description = "The station's embedded CA", subcommands = CaCommand.Chain.class,
        mixinStandardHelpOptions = true)
public final class CaCommand {

    /** {@code hallmark ca chain}: the CA chain as PEM, issuing CA first, root last. */
    @Command(name = "chain", mixinStandardHelpOptions = true,
            description = "Print the embedded CA's chain as PEM (issuing CA first, root last).")
    static final class Chain implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Override
        public Integer call() throws ProvisioningException {
            Path chain = DataDir.resolve(dataDir).ca().resolve("chain.pem");
            try {
                System.out.print(Files.readString(chain, StandardCharsets.US_ASCII));
                System.out.flush();
                return ExitCode.OK;
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "there is no embedded CA chain at " + chain
                        + "; run 'hallmark demo' on this data directory first", null, e);
            }
        }
    }

    private CaCommand() {
    }
}
