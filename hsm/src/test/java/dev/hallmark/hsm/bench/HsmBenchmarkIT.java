package dev.hallmark.hsm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.hsm.keystore.Pkcs11Station;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.Slots;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Session;

/** The benchmark's machinery on SoftHSM2, briefly: it reports a line per case and leaves no key behind. */
class HsmBenchmarkIT {

    @Test
    void eachThreadCountGetsALineAndNoKeyIsLeft() throws Exception {
        String label = SoftHsmFixture.token("it-bench");
        BenchTarget target = BenchTarget.stationToken("softhsm", SoftHsmFixture.module(), TokenSelector.byLabel(label),
                PinSource.memory(SoftHsmFixture.userPin()));
        List<BenchResult> results = HsmBenchmark.run(List.of(target),
                new BenchSettings(Duration.ofMillis(50), Duration.ofMillis(150), 2, List.of(1, 2)));

        assertThat(results).extracting(BenchResult::threads).containsExactly(1, 2);
        for (BenchResult result : results) {
            assertThat(result.line()).matches("token=softhsm threads=[12] store_per_s=\\d+\\.\\d bare_per_s=\\d+\\.\\d"
                    + " ratio=\\d+\\.\\d\\d");
            assertThat(result.storeUnits()).isPositive();
            assertThat(result.bareUnits()).isPositive();
            assertThat(result.storeCpuMicros()).isPositive();
        }
        try (Pkcs11Station station = Pkcs11Station.open(SoftHsmFixture.module(), label, SoftHsmFixture.userPin())) {
            SharedModule module = ModuleRegistry.acquire(SoftHsmFixture.module());
            try {
                Session session = Slots.find(module, TokenSelector.byLabel(label)).orElseThrow().openSession(false);
                try {
                    assertThat(session.findObjectsSingle(new AttributeVector(), 100)).as("objects left").isEmpty();
                } finally {
                    session.closeSession();
                }
            } finally {
                module.release();
            }
            assertThat(station.tokenInfo().loggedIn()).isTrue();
        }
    }
}
