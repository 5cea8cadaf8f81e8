package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hallmark bench} end to end at its smallest: a child JVM, a whole embedded station, one line per case. */
class LotBenchIT {

    @Test
    void oneZeroLatencyCasePrintsItsLineAndAllUnitsPass() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = BenchCommand.execute(cli, new String[] {"--timings", "zero", "--fixtures", "2", "--zero-units", "2",
                "--token-ms", "200"});
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).singleElement().asString().matches("timing=zero fixtures=2 "
                + "units_per_hour=\\d+ per_unit_ms=\\d+\\.\\d physical_min_ms=\\d+\\.\\d ratio=\\d+\\.\\d\\d "
                + "hsm_ratio=\\d\\.\\d{4} units=4 failed=0");
        assertThat(err.toString()).contains("token: ").contains("keygen+sign per second");
    }
}
