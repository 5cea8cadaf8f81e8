package dev.hallmark.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The endpoint on loopback: units by result and failed step, step histograms, busy fixtures; never on a LAN address. */
class StationMetricsTest {

    @Test
    void unitsStepsAndFixturesAreServedOnLoopback() throws Exception {
        try (StationMetrics metrics = StationMetrics.serve("127.0.0.1:0", "ST-1")) {
            UnitListener l = metrics.listener();
            l.unitStarted("F1");
            l.stepStarted("F1", null, Step.IDENTIFY);
            l.stepStarted("F1", "SN-1", Step.KEYGEN);
            l.unitFinished(outcome("F1", UnitResult.PASS, null));
            l.unitStarted("F2");
            l.stepStarted("F2", "SN-2", Step.LOCK);
            l.unitFinished(outcome("F2", UnitResult.FAILED, Step.LOCK));
            l.unitStarted("F3");

            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + metrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();

            assertThat(text).contains("hallmark_units_total{failed_step=\"\",result=\"PASS\",station=\"ST-1\"} 1.0",
                    "hallmark_units_total{failed_step=\"LOCK\",result=\"FAILED\",station=\"ST-1\"} 1.0",
                    "hallmark_fixtures_busy{station=\"ST-1\"} 1.0",
                    "hallmark_step_duration_seconds_count{station=\"ST-1\",step=\"KEYGEN\"} 1",
                    "hallmark_step_duration_seconds_bucket{station=\"ST-1\",step=\"LOCK\",le=",
                    "hallmark_build_info{");
        }
    }

    @Test
    void aNonLoopbackAddressIsRefused() {
        assertThatThrownBy(() -> StationMetrics.serve("0.0.0.0:9464", "ST-1"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("localhost only");
        assertThatThrownBy(() -> StationMetrics.serve("9464", "ST-1")).isInstanceOf(ProvisioningException.class);
    }

    private static UnitOutcome outcome(String fixture, UnitResult result, Step failed) {
        return new UnitOutcome(fixture, "SN-" + fixture, null, result, failed, null, null, null, Duration.ofSeconds(1));
    }
}
