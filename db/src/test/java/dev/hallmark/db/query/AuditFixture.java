package dev.hallmark.db.query;

import static dev.hallmark.db.testing.TestUnits.certificate;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.failed;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;

import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** An embedded audit database filled through the store as a station fills it: passed and failed units. */
public final class AuditFixture implements AutoCloseable {

    private final AuditDatabase db;
    private final DataSource source;
    private final Map<Long, X509Certificate> certificates = new LinkedHashMap<>();
    private int nextDevice = 1;

    public AuditFixture(Path dir) throws ProvisioningException {
        this.db = AuditDatabase.openH2(dir);
        this.source = AuditDataSources.embedded(dir);
    }

    public JdbcAuditStore store() {
        return db.store();
    }

    /** The open database the store belongs to. */
    public AuditDatabase database() {
        return db;
    }

    public DataSource source() {
        return source;
    }

    /** The certificate recorded for a unit this fixture passed. */
    public X509Certificate certificateOf(long unitId) {
        return certificates.get(unitId);
    }

    /** A unit that went through every step, was locked and sealed PASS; returns its id. */
    public long pass(String lot, String station, Instant started) throws ProvisioningException {
        JdbcAuditStore store = db.store();
        store.ensureLot(lot, "sensor-v2", started);
        long id = store.begin(lot, station, "F1", started);
        int device = nextDevice++;
        String serial = store.claim(id, uid(device), "STM32F4", "HM");
        for (Step step : Step.values()) {
            store.recordStep(id, new StepEvent(step, StepStatus.STARTED, started, null));
            store.recordStep(id, new StepEvent(step, StepStatus.DONE, started.plusSeconds(1), null));
        }
        X509Certificate cert = certificate(serial);
        store.recordCertificate(id, cert);
        store.recordLockEvidence(id, evidence(true));
        store.finish(id, passed(serial, uid(device), Pem.sha256(cert)), started.plusSeconds(9));
        certificates.put(id, cert);
        return id;
    }

    /** A unit that claimed a device and failed at {@code step} with {@code cause}; returns its id. */
    public long fail(String lot, String station, Instant started, Step step, String cause)
            throws ProvisioningException {
        JdbcAuditStore store = db.store();
        store.ensureLot(lot, "sensor-v2", started);
        long id = store.begin(lot, station, "F2", started);
        int device = nextDevice++;
        String serial = store.claim(id, uid(device), "STM32F4", "HM");
        store.recordStep(id, new StepEvent(step, StepStatus.STARTED, started, null));
        store.recordStep(id, new StepEvent(step, StepStatus.FAILED, started.plusSeconds(2), cause));
        store.finish(id, failed(serial, uid(device), step, ErrorCode.DEVICE_NOT_RESPONDING, cause),
                started.plusSeconds(3));
        return id;
    }

    @Override
    public void close() {
        db.close();
    }
}
