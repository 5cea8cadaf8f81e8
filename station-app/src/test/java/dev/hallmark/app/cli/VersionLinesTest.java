package dev.hallmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.SoftwareBuild;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hallmark --version} names the build the unit records name. */
class VersionLinesTest {

    @Test
    void versionPrintsTheProjectVersionAndBuildId() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new HallmarkCommand());
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--version");

        SoftwareBuild build = SoftwareBuild.current();
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("hallmark " + build.version() + System.lineSeparator()
                + "build " + build.buildId() + System.lineSeparator());
        assertThat(build.version()).isNotEqualTo(SoftwareBuild.UNKNOWN).doesNotContain("${");
    }
}
