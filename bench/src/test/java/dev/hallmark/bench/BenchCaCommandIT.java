package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench ca} for real, with small counts: the namespaced child sets up the embedded CA in SoftHSM2, cfssl
 * serve and OpenSSL's CMP mock, measures, and tears everything down. Rates are checked to be positive, never
 * against a threshold (DESIGN.md: benchmarks are no timed assertions).
 */
class BenchCaCommandIT {

    private static final Pattern LINE = Pattern.compile(
            "issuer=(embedded|cfssl|cmp) threads=(\\d+) certs_per_s=(\\d+\\.\\d) p50_ms=(\\d+\\.\\d\\d) p99_ms=(\\d+\\.\\d\\d)");

    @TempDir
    Path workDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return BenchCommand.execute(cli, args);
    }

    @Test
    void measuresEachIssuerSideBySideAndLeavesNothingBehind() throws IOException {
        int exit = bench("ca", "--count", "20", "--threads", "1", "--warmup", "5", "--work-dir", workDir.toString());

        String report = "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        assertThat(exit).as(report).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).as(report).hasSize(3);
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(' '))))
                .containsExactly("issuer=embedded", "issuer=cfssl", "issuer=cmp");
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(2)).isEqualTo("1");
            assertThat(Double.parseDouble(m.group(3))).as(line).isPositive();
            assertThat(Double.parseDouble(m.group(4))).as(line).isPositive();
            assertThat(Double.parseDouble(m.group(5))).as(line).isGreaterThanOrEqualTo(Double.parseDouble(m.group(4)));
        }
        assertThat(err.toString()).contains("embedded issuer ready", "cfssl issuer ready", "cmp issuer ready");
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).as("the temporary directory is removed").isEmpty();
        }
    }

    @Test
    void jsonGivesOneElementPerCase() throws IOException {
        int exit = bench("ca", "--count", "5", "--threads", "1,2", "--warmup", "0", "--issuers", "cfssl", "--json",
                "--work-dir", workDir.toString());

        assertThat(exit).as(err::toString).isZero();
        JsonNode cases = new ObjectMapper().readTree(out.toString());
        assertThat(cases.isArray()).isTrue();
        assertThat(cases).hasSize(2);
        assertThat(cases.get(1).get("issuer").asText()).isEqualTo("cfssl");
        assertThat(cases.get(1).get("threads").asInt()).isEqualTo(2);
        assertThat(cases.get(1).get("issued").asInt()).isEqualTo(5);
        assertThat(cases.get(1).get("certs_per_s").asDouble()).isPositive();
    }
}
