package dev.hallmark.db.store;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.failed;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcAuditStoreTest {

    private static final String LOT = "LOT-2026-001";
    private static final String CHIP = "STM32F4";

    @TempDir
    Path dir;
    private AuditDatabase db;
    private JdbcAuditStore store;

    @BeforeEach
    void open() throws ProvisioningException {
        db = AuditDatabase.openH2(dir);
        store = db.store();
        store.ensureLot(LOT, "sensor-v2", at(0));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void happyPathIsRecordedAndReadBack() throws Exception {
        long id = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(id, uid(1), CHIP, "HM");
        for (Step step : Step.values()) {
            store.recordStep(id, new StepEvent(step, StepStatus.STARTED, at(2), null));
            store.recordStep(id, new StepEvent(step, StepStatus.DONE, at(3), step + " ok"));
        }
        X509Certificate cert = certificate(serial);
        store.recordCertificate(id, cert);
        store.recordLockEvidence(id, evidence(true));
        store.finish(id, passed(serial, uid(1), Pem.sha256(cert)), at(9));

        assertThat(serial).isEqualTo("HM000001");
        UnitRecord unit = store.units(LOT).get(0);
        assertThat(unit).isEqualTo(new UnitRecord(id, LOT, serial, uid(1).hex(), CHIP, UnitResult.PASS, null, null,
                null, Pem.certificate(cert), Pem.sha256(cert), "ST-01", "F1", at(1), at(9)));
        assertThat(store.events(id)).hasSize(2 * Step.values().length)
                .first().isEqualTo(new StepEvent(Step.IDENTIFY, StepStatus.STARTED, at(2), null));
        assertThat(store.lastDoneStep(id)).isEqualTo(Step.SEAL);
        assertThat(store.lockEvidence(id)).contains(evidence(true));
        assertThat(store.unitBySerial(serial)).contains(unit);
        assertThat(store.unitsByUid(uid(1))).containsExactly(unit);
        assertThat(Pem.parseCertificates(unit.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(cert);
    }

    @Test
    void secondClaimOfAPassedDeviceIsADuplicate() throws Exception {
        long first = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(first, uid(7), CHIP, "HM");
        store.recordLockEvidence(first, evidence(true));
        store.finish(first, passed(serial, uid(7), null), at(2));
        long second = store.begin(LOT, "ST-01", "F2", at(3));

        assertThatThrownBy(() -> store.claim(second, uid(7), CHIP, "HM"))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
                    assertThat(e.getMessage()).isEqualTo("device " + uid(7).hex() + " is already claimed by unit "
                            + serial);
                    assertThat(e.rawDetail()).isEqualTo("23505");
                });
        assertThat(store.unit(second).orElseThrow().serial()).isNull();
        assertThat(store.claim(second, uid(8), CHIP, "HM")).isEqualTo("HM000002");
    }

    @Test
    void aDeviceReleasedByAnEarlyFailureCanBeClaimedAgain() throws Exception {
        long first = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(first, uid(3), CHIP, "HM");
        store.recordStep(first, new StepEvent(Step.ISSUE, StepStatus.FAILED, at(2), "CA unreachable"));
        store.finish(first, failed(serial, uid(3), Step.ISSUE, ErrorCode.CA_UNAVAILABLE, "the CA did not answer"),
                at(3));
        long retry = store.begin(LOT, "ST-01", "F1", at(4));

        assertThat(store.claim(retry, uid(3), CHIP, "HM")).isEqualTo("HM000002");
        UnitRecord failedUnit = store.unit(first).orElseThrow();
        assertThat(failedUnit.result()).isEqualTo(UnitResult.FAILED);
        assertThat(failedUnit.failedStep()).isEqualTo("ISSUE");
        assertThat(failedUnit.errorCode()).isEqualTo("HM-401");
        assertThat(failedUnit.cause()).isEqualTo("the CA did not answer");
    }

    @Test
    void aDeviceThatFailedAfterLockStartedKeepsItsClaim() throws Exception {
        long first = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(first, uid(4), CHIP, "HM");
        store.recordStep(first, new StepEvent(Step.LOCK, StepStatus.STARTED, at(2), null));
        store.finish(first, failed(serial, uid(4), Step.LOCK, ErrorCode.DEVICE_NOT_RESPONDING, "no answer"), at(3));
        long retry = store.begin(LOT, "ST-01", "F1", at(4));

        assertThatThrownBy(() -> store.claim(retry, uid(4), CHIP, "HM"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_DUPLICATE));
    }

    @Test
    void passWithoutEvidenceThatHoldsIsRefused() throws Exception {
        long id = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(id, uid(5), CHIP, "HM");

        assertThatThrownBy(() -> store.finish(id, passed(serial, uid(5), null), at(2)))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                    assertThat(e.getMessage()).contains(serial, "no lock evidence");
                });
        store.recordLockEvidence(id, evidence(false));
        assertThatThrownBy(() -> store.finish(id, passed(serial, uid(5), null), at(2)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.getMessage()).contains("not locked"));
        assertThat(store.unit(id).orElseThrow().result()).isEqualTo(UnitResult.IN_PROGRESS);
    }

    @Test
    void aCertificateBelongsToOneUnitOnly() throws Exception {
        long first = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(first, uid(10), CHIP, "HM");
        long second = store.begin(LOT, "ST-01", "F2", at(1));
        X509Certificate cert = certificate(serial);
        store.recordCertificate(first, cert);
        store.recordCertificate(first, cert);

        assertThatThrownBy(() -> store.recordCertificate(second, cert))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
                    assertThat(e.getMessage()).contains(Pem.sha256(cert), serial);
                });
        assertThat(store.unit(second).orElseThrow().certificateSha256()).isNull();
    }

    @Test
    void claimingAgainForTheSameUnitReturnsItsSerial() throws Exception {
        long id = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(id, uid(11), CHIP, "HM");

        assertThat(store.claim(id, uid(11), CHIP, "HM")).isEqualTo(serial);
        assertThatThrownBy(() -> store.claim(id, uid(12), CHIP, "HM"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void aSealedUnitKeepsItsRecord() throws Exception {
        long id = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(id, uid(13), CHIP, "HM");
        store.recordLockEvidence(id, evidence(true));
        store.finish(id, passed(serial, uid(13), null), at(2));
        store.finish(id, passed(serial, uid(13), null), at(5));

        assertThat(store.unit(id).orElseThrow().finished()).isEqualTo(at(2));
        assertThatThrownBy(() -> store.recordLockEvidence(id, evidence(false)))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INTERNAL));
        assertThatThrownBy(() -> store.finish(id, failed(serial, uid(13), Step.SEAL, ErrorCode.INTERNAL, "x"), at(3)))
                .isInstanceOf(ProvisioningException.class);
        assertThat(store.lockEvidence(id)).contains(evidence(true));
    }

    @Test
    void sqlErrorsAreReportedWithTheirSqlState() throws Exception {
        assertThatThrownBy(() -> store.begin("NO-SUCH-LOT", "ST-01", "F1", at(1)))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_WRITE_FAILED);
                    assertThat(e.rawDetail()).startsWith("23");
                    assertThat(e.getMessage()).contains("NO-SUCH-LOT");
                });
        assertThatThrownBy(() -> store.recordStep(999_999L, new StepEvent(Step.CLAIM, StepStatus.DONE, at(1), null)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_WRITE_FAILED));
    }

    @Test
    void aLotKeepsItsProductProfile() throws Exception {
        store.ensureLot(LOT, "sensor-v2", at(5));
        assertThatThrownBy(() -> store.ensureLot(LOT, "gateway-v1", at(5)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
        store.ensureLot("LOT-2026-002", "gateway-v1", at(6));
        long other = store.begin("LOT-2026-002", "ST-01", "F1", at(7));
        store.begin(LOT, "ST-01", "F1", at(8));

        assertThat(store.units("LOT-2026-002")).extracting(UnitRecord::id).containsExactly(other);
        assertThat(store.units(null)).hasSize(2);
    }

    @Test
    void aReopenedDatabaseKeepsItsUnits() throws Exception {
        long id = store.begin(LOT, "ST-01", "F1", at(1));
        String serial = store.claim(id, uid(20), CHIP, "HM");
        store.recordStep(id, new StepEvent(Step.CLAIM, StepStatus.DONE, at(2), serial));
        List<UnitRecord> before = store.units(null);
        db.close();

        db = AuditDatabase.openH2(dir);
        store = db.store();
        assertThat(store.units(null)).isEqualTo(before);
        assertThat(store.events(id)).containsExactly(new StepEvent(Step.CLAIM, StepStatus.DONE, at(2), serial));
        long next = store.begin(LOT, "ST-01", "F1", at(3));
        assertThat(store.claim(next, uid(21), CHIP, "HM")).isEqualTo("HM000002");
        assertThat(store.claim(store.begin(LOT, "ST-01", "F1", at(3)), uid(22), CHIP, "XY")).isEqualTo("XY000001");
    }

    @Test
    void theSameUidOfAnotherChipFamilyIsAnotherDevice() throws Exception {
        DeviceUid shared = uid(30);
        store.claim(store.begin(LOT, "ST-01", "F1", at(1)), shared, CHIP, "HM");
        assertThat(store.claim(store.begin(LOT, "ST-01", "F2", at(1)), shared, "ESP32", "HM")).isEqualTo("HM000002");
    }
}
