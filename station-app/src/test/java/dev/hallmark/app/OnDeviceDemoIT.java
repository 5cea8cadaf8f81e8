package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On-device custody through the whole station: {@code hallmark demo --custody on-device} starts a software TPM
 * (swtpm + tpm2-abrmd + tpm2-pkcs11) as the simulated boards' TPM, runs the lot in a child JVM with its
 * environment, and each key is born in the TPM token of its fixture — none in the station token.
 */
class OnDeviceDemoIT {

    @Test
    void eachKeyIsBornInTheBoardsTpmAndTheStationTokenHoldsNone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/swtpm")), "swtpm is not installed");
        Path dataDir = HallmarkProcess.freshDir("on-device");
        HallmarkProcess.Result demo = HallmarkProcess.run(dataDir, "demo", "--custody", "on-device", "--count", "3",
                "--fixtures", "2", "--headless", "--lot", "TPM", "--data-dir", dataDir.toString());

        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.lines()).filteredOn(l -> l.startsWith("PASS  HM-F4T-")).hasSize(3);
        assertThat(demo.lines()).anyMatch(l -> l.startsWith("lot TPM: 3 passed, 0 failed"));

        String privateKeys = OutsideTools.pkcs11Tool(dataDir, "--list-objects", "--type", "privkey");
        assertThat(privateKeys.lines().filter(l -> l.trim().startsWith("label:")))
                .as("only the CA and audit keys stay in the station token").hasSize(3)
                .noneMatch(l -> l.contains("device-"));

        try (AuditDatabase db = AuditDatabase.openH2(dataDir.resolve("audit"))) {
            List<UnitRecord> units = db.store().units("TPM");
            assertThat(units).hasSize(3).allMatch(u -> u.result() == UnitResult.PASS);
            for (UnitRecord unit : units) {
                List<StepEvent> events = db.store().events(unit.id());
                assertThat(events).filteredOn(e -> e.step() == Step.KEYGEN && e.status() == StepStatus.DONE)
                        .singleElement().satisfies(e -> assertThat(e.detail())
                                .contains("in device token", "IBM SW TPM", "hardware", "token object, never extractable"));
                assertThat(events).filteredOn(e -> e.step() == Step.INSTALL && e.status() == StepStatus.DONE)
                        .singleElement().satisfies(e -> assertThat(e.detail()).contains("certificate stored in device token"));
            }
        }
    }
}
