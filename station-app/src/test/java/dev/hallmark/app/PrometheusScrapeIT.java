package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Debian's Prometheus server scrapes a running {@code hallmark provision --metrics} of simulated boards (SoftHSM2,
 * the embedded CA, H2, device-sim on ptys), all on loopback: the unit counters read back through Prometheus's query
 * API equal the lot's summary, and the HSM, CA and database calls were timed.
 */
class PrometheusScrapeIT {

    private static final Pattern SUMMARY = Pattern.compile("this run (\\d+) passed, (\\d+) failed");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theUnitCountersPrometheusReadsEqualTheLotsSummary() throws Exception {
        Path dir = HallmarkProcess.freshDir("prometheus");
        Path kek = StationRuns.simulatorKek(dir);
        int metricsPort = freePort();
        int prometheusPort = freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: hallmark
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(metricsPort));
        Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try (StationRuns.Sim sim = StationRuns.Sim.start(3, kek)) {
            List<String> args = List.of("provision", "--data-dir", dir.toString(), "--lot", "PROM", "--profile",
                    "demo-stm32f4", "--count", "6", "--fixtures", sim.ports().get(0), sim.ports().get(1),
                    sim.ports().get(2), "--metrics", "127.0.0.1:" + metricsPort, "--metrics-linger", "6");
            HallmarkProcess.Result run = StationRuns.run(dir, Map.of(), args);
            assertThat(run.exit()).as(run.toString()).isIn(0, 1);
            Matcher m = SUMMARY.matcher(run.out());
            assertThat(m.find()).as(run.out()).isTrue();
            long passed = Long.parseLong(m.group(1));
            long failed = Long.parseLong(m.group(2));
            assertThat(passed).isPositive();

            String base = "http://127.0.0.1:" + prometheusPort;
            assertThat(waitFor(base, "sum(max_over_time(hallmark_units_total{result=\"PASS\"}[10m]))", passed))
                    .isEqualTo(passed);
            assertThat(waitFor(base, "sum(max_over_time(hallmark_units_total{result!=\"PASS\"}[10m])) or vector(0)",
                    failed)).isEqualTo(failed);
            assertThat(query(base, "count(max_over_time(hallmark_part_call_seconds_count{part=~\"hsm|ca|database\"}[10m]) > 0) by (part)"))
                    .as("HSM, CA and database calls timed").hasSize(3);
            assertThat(query(base, "max_over_time(hallmark_step_duration_seconds_count{step=\"LOCK\"}[10m])"))
                    .as("step histograms").isNotEmpty();
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** The query's single value once it equals {@code expected}, or the last value seen after a generous limit. */
    private static long waitFor(String base, String promql, long expected) throws Exception {
        Instant limit = Instant.now().plus(Duration.ofSeconds(90));
        long last = -1;
        while (Instant.now().isBefore(limit)) {
            JsonNode result = query(base, promql);
            if (result.size() == 1) {
                last = Math.round(result.get(0).path("value").get(1).asDouble());
                if (last == expected) {
                    return last;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return last;
    }

    private static JsonNode query(String base, String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return new ObjectMapper().createArrayNode();
        }
        return new ObjectMapper().readTree(r.body()).path("data").path("result");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
