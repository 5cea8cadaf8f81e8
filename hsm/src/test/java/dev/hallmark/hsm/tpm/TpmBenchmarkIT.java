package dev.hallmark.hsm.tpm;

import dev.hallmark.hsm.swtpm.SwtpmToken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.hsm.bench.BenchResult;
import dev.hallmark.hsm.bench.BenchSettings;
import dev.hallmark.hsm.bench.BenchTarget;
import dev.hallmark.hsm.bench.HsmBenchmark;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark's TPM case, briefly: it reopens the module every 20 units (tpm2-pkcs11 keeps its keys loaded)
 * and runs two threads one unit at a time (two threads at once put swtpm into failure mode).
 */
@ExtendWith(SwtpmExtension.class)
class TpmBenchmarkIT {

    @Test
    void bothThreadCountsRunAcrossReopenedModules(SwtpmToken tpm) throws Exception {
        BenchTarget target = BenchTarget.tpm("tpm", SwtpmToken.module(), TokenSelector.byLabel(tpm.label()),
                PinSource.file(tpm.userPinFile()));
        List<BenchResult> results = HsmBenchmark.run(List.of(target),
                new BenchSettings(Duration.ofMillis(100), Duration.ofMillis(500), 1, List.of(1, 2)));
        assertThat(results).extracting(BenchResult::threads).containsExactly(1, 2);
        for (BenchResult result : results) {
            assertThat(result.storeUnits()).isPositive();
            assertThat(result.bareUnits()).isPositive();
            assertThat(result.line()).startsWith("token=tpm threads=");
        }
    }
}
