package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.HallmarkMain;
import dev.hallmark.app.cli.HallmarkCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code bench}: parsing and refusals only; nothing here starts a CA. */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return BenchCommand.execute(cli, args);
    }

    @Test
    void theLotBenchmarkRefusesSettingsItCannotMeasureBeforeStartingAnything() {
        assertThat(run("--timings", "slow")).isEqualTo(2);
        assertThat(err.toString()).contains("--timings takes realistic and/or zero");
        assertThat(run("--fixtures", "0")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsTheCaBenchmarkAndItsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("ca ", "hsm ", "serial ", "--fixtures", "--timings",
                "timing=realistic fixtures=8 units_per_hour=X per_unit_ms=Y", "physical_min_ms=Z", "ratio=R token_ms=T durability_ms=D", "vs_pipeline=P");
        out.getBuffer().setLength(0);

        assertThat(run("ca", "--help")).isZero();
        assertThat(out.toString()).contains("--count", "--threads", "--json", "--warmup", "--issuers", "--keep",
                "issuer=embedded threads=1 certs_per_s=X p50_ms=Y p99_ms=Z").doesNotContain("--inside");
    }

    @Test
    void refusesSettingsThatMeasureNothingBeforeSettingAnythingUp() {
        assertThat(run("ca", "--threads", "1,0")).isEqualTo(2);
        assertThat(err.toString()).contains("--threads takes numbers from 1 to 64");
        assertThat(run("ca", "--count", "0")).isEqualTo(2);
        assertThat(run("ca", "--issuers", "embedded,ejbca")).isEqualTo(2);
        assertThat(err.toString()).contains("'ejbca' is no issuer");
    }

    @Test
    void theChildIsStartedAsThisProcessWasAloneOrUnderHallmark() {
        CommandLine alone = new CommandLine(new BenchCommand()).getSubcommands().get("ca");
        CommandLine registered = HallmarkCommand.commandLine()
                .getSubcommands().get("bench").getSubcommands().get("ca");

        assertThat(BenchCaCommand.commandPath(alone.getCommandSpec())).containsExactly("ca");
        assertThat(BenchCaCommand.childMainClass(alone.getCommandSpec())).isEqualTo(BenchCommand.class.getName());
        assertThat(BenchCaCommand.commandPath(registered.getCommandSpec())).containsExactly("bench", "ca");
        assertThat(BenchCaCommand.childMainClass(registered.getCommandSpec())).isEqualTo(HallmarkMain.class.getName());
    }

    @Test
    void theChildModeNeedsItsWorkspace() {
        assertThat(run("ca", "--inside")).isEqualTo(2);
        assertThat(err.toString()).contains("--inside needs --workspace");
    }
}
