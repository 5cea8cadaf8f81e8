package dev.hallmark.db.store;

import static dev.hallmark.db.testing.TestUnits.certificate;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.failed;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;

import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provisioning station as its own process, for {@link PostgresStationsIT}: it opens the shared PostgreSQL audit
 * database with its own station key and provisions {@value #ATTEMPTS} units into the lot on two fixtures, drawing
 * devices from a pool the other stations draw from too, so claims of the same UID and serial allocations race.
 * Every seventh unit fails at INSTALL (before LOCK, so its device is released and may be claimed again), every
 * ninth has its certificate superseded and revoked. It writes its own tally and key fingerprint to a file.
 */
public final class StationProcess {

    static final int ATTEMPTS = 50;
    static final int DEVICES = 60;
    private static final int FIXTURES = 2;

    private final JdbcAuditStore store;
    private final String station;
    private final int index;
    private final String lot;
    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger superseded = new AtomicInteger();

    private StationProcess(JdbcAuditStore store, String station, int index, String lot) {
        this.store = store;
        this.station = station;
        this.index = index;
        this.lot = lot;
    }

    /** Arguments: JDBC URL, station id, station index (0, 1, 2), lot, result file. */
    public static void main(String[] args) throws Exception {
        SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
        CheckpointSigner signer = new CheckpointSigner(keys, keys.generate(KeySpec.EC_P256, "station-" + args[1],
                KeyPolicy.TOKEN_NON_EXTRACTABLE));
        Properties result = new Properties();
        try (AuditDatabase db = AuditDatabase.open(args[0], PostgresCluster.USER, new char[0],
                AuditOptions.defaults().withSigner(signer).withCheckpointEvery(64))) {
            StationProcess station = new StationProcess(db.store(), args[1], Integer.parseInt(args[2]), args[3]);
            station.run();
            result.setProperty("begun", Integer.toString(ATTEMPTS));
            result.setProperty("PASS", station.passed.toString());
            result.setProperty("FAILED", Integer.toString(station.failed.get() + station.duplicates.get()));
            result.setProperty("duplicates", station.duplicates.toString());
            result.setProperty("superseded", station.superseded.toString());
            result.setProperty("key", signer.keySha256());
        }
        try (Writer out = Files.newBufferedWriter(Path.of(args[4]))) {
            result.store(out, "station " + args[1]);
        }
    }

    private void run() throws Exception {
        ExecutorService fixtures = Executors.newFixedThreadPool(FIXTURES);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int f = 0; f < FIXTURES; f++) {
                int fixture = f;
                done.add(fixtures.submit(() -> {
                    for (int attempt = fixture; attempt < ATTEMPTS; attempt += FIXTURES) {
                        unit(attempt, "F" + (fixture + 1));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            fixtures.shutdownNow();
        }
    }

    /** One unit, as the engine would journal it; the device is drawn from the shared pool. */
    private void unit(int attempt, String fixture) throws ProvisioningException {
        DeviceUid device = uid((attempt * 7 + index * 13) % DEVICES);
        long id = store.begin(lot, station, fixture, clock.instant());
        step(id, Step.IDENTIFY, "STM32F4 uid=" + device.hex());
        store.recordStep(id, new StepEvent(Step.CLAIM, StepStatus.STARTED, clock.instant(), null));
        String serial;
        try {
            serial = store.claim(id, device, "STM32F4", "HM");
        } catch (ProvisioningException e) {
            if (e.code() != ErrorCode.AUDIT_DUPLICATE) {
                throw e;
            }
            store.recordStep(id, new StepEvent(Step.CLAIM, StepStatus.FAILED, clock.instant(), e.oneLine()));
            store.finish(id, failed(null, device, Step.CLAIM, e.code(), e.oneLine()), clock.instant());
            duplicates.incrementAndGet();
            return;
        }
        store.recordStep(id, new StepEvent(Step.CLAIM, StepStatus.DONE, clock.instant(), "serial " + serial));
        step(id, Step.KEYGEN, "key generated");
        step(id, Step.CSR, "PKCS#10 signed in token");
        store.recordStep(id, new StepEvent(Step.ISSUE, StepStatus.STARTED, clock.instant(), null));
        X509Certificate cert = certificate(serial);
        store.recordCertificate(id, cert);
        if (attempt % 9 == 4) {
            X509Certificate reissued = certificate(serial);
            store.recordCertificate(id, reissued);
            store.recordRevocation(id, Pem.sha256(cert), RevocationReason.SUPERSEDED, clock.instant());
            cert = reissued;
            superseded.incrementAndGet();
        }
        store.recordStep(id, new StepEvent(Step.ISSUE, StepStatus.DONE, clock.instant(), Pem.sha256(cert)));
        if (attempt % 7 == 3) {
            store.recordStep(id, new StepEvent(Step.INSTALL, StepStatus.FAILED, clock.instant(), "no answer"));
            store.recordRevocation(id, Pem.sha256(cert), RevocationReason.CESSATION_OF_OPERATION, clock.instant());
            store.finish(id, failed(serial, device, Step.INSTALL, ErrorCode.DEVICE_NOT_RESPONDING, "no answer"),
                    clock.instant());
            failed.incrementAndGet();
            return;
        }
        step(id, Step.INSTALL, "identity written");
        step(id, Step.LOCK, "lock requested");
        store.recordLockEvidence(id, evidence(true));
        step(id, Step.VERIFY, "locked");
        store.finish(id, passed(serial, device, Pem.sha256(cert)), clock.instant());
        passed.incrementAndGet();
    }

    private void step(long id, Step step, String detail) throws ProvisioningException {
        store.recordStep(id, new StepEvent(step, StepStatus.STARTED, clock.instant(), null));
        store.recordStep(id, new StepEvent(step, StepStatus.DONE, clock.instant(), detail));
    }
}
