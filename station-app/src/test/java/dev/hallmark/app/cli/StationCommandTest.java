package dev.hallmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hallmark station}'s options: refusals before anything starts, and the help that names them. */
class StationCommandTest {

    @Test
    void refusesAnUnknownLockLevelAndANegativeIdleLimitBeforeOpeningTheStation() {
        StationCommand bogusLock = parse("--lock", "forever");
        assertThatThrownBy(bogusLock::call).isInstanceOf(ProvisioningException.class)
                .hasMessage("--lock takes readout or permanent, not 'forever'")
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);

        StationCommand negative = parse("--lock", "permanent", "--idle-minutes", "-1");
        assertThatThrownBy(negative::call).hasMessage("--idle-minutes must be 0 (never) or more");
    }

    @Test
    void helpNamesTheSignInAndTheLockOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new StationCommand()).setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--lock=LEVEL", "--idle-minutes=N", "sign-in screen");
    }

    private static StationCommand parse(String... args) {
        StationCommand command = new StationCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
