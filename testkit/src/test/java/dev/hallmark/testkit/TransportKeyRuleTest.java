package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.TransportKek;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.workflow.TransportKeyRule;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's rule for transport KEKs: real ports need the ceremony's KEK, and a lot never mixes the two kinds. */
class TransportKeyRuleTest {

    private static final TransportKek PRODUCTION = new TransportKek("hallmark-transport-kek", KekOrigin.PRODUCTION,
            "1A2B3C", "AES-ECB zero block");
    private static final TransportKek SIMULATED = new TransportKek("hallmark-sim-vendor-kek", KekOrigin.SIMULATED_VENDOR,
            "445566", "AES-ECB zero block");

    @Test
    void realPortsNeedProductionAndSimPortsTheSimulatedVendor() throws Exception {
        assertThat(TransportKeyRule.originFor(List.of("/dev/ttyUSB0", "/dev/pts/4"))).isEqualTo(KekOrigin.PRODUCTION);
        assertThat(TransportKeyRule.originFor(List.of("sim:/dev/pts/4"))).isEqualTo(KekOrigin.SIMULATED_VENDOR);
        assertThat(TransportKeyRule.portOf("sim:/dev/pts/4")).isEqualTo("/dev/pts/4");
        assertThatThrownBy(() -> TransportKeyRule.originFor(List.of("sim:/dev/pts/4", "/dev/ttyUSB0")))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEK_MIXED));
    }

    @Test
    void realPortsWithOnlyASimulatedKekAreRefusedWithTheCeremonyToRun() {
        assertThatThrownBy(() -> TransportKeyRule.require(KekOrigin.PRODUCTION, Optional.of(SIMULATED), "hallmark"))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KEK_PRODUCTION_MISSING);
                    assertThat(e.code().remedy()).contains("hallmark kek import");
                });
        assertThatThrownBy(() -> TransportKeyRule.require(KekOrigin.PRODUCTION, Optional.empty(), "hallmark"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.KEK_PRODUCTION_MISSING));
    }

    @Test
    void evidenceNamesTheOriginAndTheKcvWithItsMethod() {
        assertThat(SIMULATED.evidence()).contains("kek-origin=SIMULATED-vendor", "kcv=445566 (AES-ECB zero block)");
        assertThat(TransportKek.originIn("identity written; wrapped under " + PRODUCTION.evidence()))
                .contains(KekOrigin.PRODUCTION);
        assertThat(TransportKek.originIn("identity written")).isEmpty();
    }

    @Test
    void aLotWrappedUnderOneKindRefusesTheOther() throws Exception {
        InMemoryAuditStore store = new InMemoryAuditStore();
        Instant now = Instant.parse("2026-12-08T00:00:00Z");
        store.ensureLot("L1", "p", now);
        long first = store.begin("L1", "s", "F1", now);
        store.recordStep(first, new StepEvent(Step.INSTALL, StepStatus.DONE, now, "written; wrapped under "
                + SIMULATED.evidence()));

        TransportKeyRule.requireSameAsLot(store, "L1", SIMULATED);
        assertThatThrownBy(() -> TransportKeyRule.requireSameAsLot(store, "L1", PRODUCTION))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEK_MIXED));
        TransportKeyRule.requireSameAsLot(store, "OTHER", PRODUCTION);
    }
}
