package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyReference;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.UnitRecord;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unit on one fixture, through every step of DESIGN.md, each journaled before it is reported done.
 * A unit is never sealed PASS without verified lock evidence; on any failure the station's copy of an
 * injected key is destroyed and the unit is recorded FAILED with its step and cause.
 */
public final class UnitWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(UnitWorkflow.class);

    private final StationParts parts;
    private final ProductProfile profile;
    private final String lot;
    private final UnitListener listener;
    private final CertificateChecks checks;
    private final CaWait ca;
    private final Revocations revocations;
    private CrashHook crash = CrashHook.NONE;

    /** A workflow that waits for an unreachable CA with {@link RetryPolicy#standard()}. */
    public UnitWorkflow(StationParts parts, ProductProfile profile, String lot, UnitListener listener)
            throws ProvisioningException {
        this(parts, profile, lot, listener, RetryPolicy.standard());
    }

    /** Reads the CA chain once: its root is the trust anchor every issued certificate must chain to. */
    public UnitWorkflow(StationParts parts, ProductProfile profile, String lot, UnitListener listener,
                        RetryPolicy caRetry) throws ProvisioningException {
        try {
            profile.subject().validate();
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "profile '" + profile.name()
                    + "' has a subject template that is not a valid name: " + profile.subject().pattern());
        }
        if (profile.custody() == KeyCustody.ON_DEVICE && parts.deviceTokens() == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "profile '" + profile.name()
                    + "' asks for on-device key custody, but no device token is configured for the fixtures");
        }
        this.parts = parts;
        this.profile = profile;
        this.lot = lot;
        this.listener = listener;
        var chain = parts.issuer().caChain();
        this.checks = new CertificateChecks(chain.get(chain.size() - 1));
        this.ca = new CaWait(parts.issuer(), caRetry, parts.clock(), listener);
        this.revocations = new Revocations(parts.issuer());
    }

    /** Sets the hook called on both sides of every journal write (a no-op in production); returns this. */
    public UnitWorkflow crashHook(CrashHook hook) {
        this.crash = java.util.Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** The lot this workflow provisions for. */
    public String lot() {
        return lot;
    }

    /** Provisions the device now on the fixture; never throws, the outcome says how it ended. */
    public UnitOutcome run(Fixture fixture) {
        return run(fixture, null);
    }

    /**
     * Provisions the device now on the fixture, started by {@code scanLabel} (the label the bench's scanner read,
     * recorded with the unit; null when no scan started it); never throws, the outcome says how it ended.
     */
    public UnitOutcome run(Fixture fixture, String scanLabel) {
        try (UnitLogContext context = UnitLogContext.open(lot, fixture.id())) {
            return runLogged(fixture, scanLabel);
        }
    }

    private UnitOutcome runLogged(Fixture fixture, String scanLabel) {
        Instant started = parts.clock().instant();
        listener.unitStarted(fixture.id());
        long unitId;
        try {
            unitId = scanLabel == null ? parts.store().begin(lot, parts.stationId(), fixture.id(), started)
                    : parts.store().begin(lot, parts.stationId(), fixture.id(), scanLabel, started);
        } catch (ProvisioningException e) {
            LOG.error("fixture {}: the unit could not be recorded, nothing was done: {}", fixture.id(), e.oneLine(), e);
            return finished(new UnitOutcome(fixture.id(), null, null, UnitResult.FAILED, Step.CLAIM, e.code(),
                    e.oneLine(), null, elapsed(started)));
        }
        return attempt(fixture, unitId, ResumePoint.fresh(), started);
    }

    /**
     * Resumes a unit this station began on the fixture and never sealed (found by {@link
     * dev.hallmark.engine.port.AuditStore#unfinished}), from its last finished step; never throws.
     */
    public UnitOutcome resume(Fixture fixture, UnitRecord unit) {
        try (UnitLogContext context = UnitLogContext.open(lot, fixture.id())) {
            UnitLogContext.unit(unit.id());
            UnitLogContext.serial(unit.serial());
            return resumeLogged(fixture, unit);
        }
    }

    private UnitOutcome resumeLogged(Fixture fixture, UnitRecord unit) {
        Instant started = parts.clock().instant();
        listener.unitStarted(fixture.id());
        ResumePoint point;
        try {
            point = ResumePoint.of(unit, parts.store().events(unit.id()));
        } catch (ProvisioningException e) {
            LOG.error("fixture {}: unit #{} could not be read back to resume it: {}", fixture.id(), unit.id(),
                    e.oneLine(), e);
            return finished(new UnitOutcome(fixture.id(), unit.serial(), null, UnitResult.IN_PROGRESS, null, e.code(),
                    e.oneLine(), null, elapsed(started)));
        }
        LOG.info("fixture {}: unit #{} ({}) {}", fixture.id(), unit.id(), unit.serial(), point.describe());
        return attempt(fixture, unit.id(), point, started);
    }

    private UnitOutcome attempt(Fixture fixture, long unitId, ResumePoint resume, Instant started) {
        UnitLogContext.unit(unitId);
        UnitJournal journal = new UnitJournal(parts.store(), listener, parts.clock(), unitId, fixture.id(), crash);
        UnitState state = new UnitState();
        if (resume.certificate() != null) {
            state.certificate = resume.certificate();
            state.certificateSha256 = Pem.sha256(resume.certificate());
        }
        try {
            provision(fixture, journal, state, resume);
            UnitOutcome pass = new UnitOutcome(fixture.id(), journal.serial(), state.uid, UnitResult.PASS, null,
                    null, null, state.certificateSha256, elapsed(started));
            journal.step(Step.SEAL, () -> {
                parts.store().finish(unitId, pass, parts.clock().instant());
                return "sealed PASS";
            });
            return finished(pass);
        } catch (ProvisioningException e) {
            return fail(fixture, journal, state, e, started);
        } catch (RuntimeException e) {
            LOG.error("fixture {}: defect while provisioning unit {}", fixture.id(), unitId, e);
            return fail(fixture, journal, state, new ProvisioningException(ErrorCode.INTERNAL,
                    "an unexpected error stopped the unit", e.toString(), e), started);
        } finally {
            if (state.custody != null) {
                state.custody.close();
            }
            if (state.link != null) {
                state.link.close();
            }
        }
    }

    private void provision(Fixture fixture, UnitJournal journal, UnitState state, ResumePoint resume)
            throws ProvisioningException {
        journal.step(Step.IDENTIFY, () -> identify(fixture, state, resume));
        journal.step(Step.CLAIM, () -> {
            journal.serial(parts.store().claim(journal.unitId(), state.uid, profile.chipFamily(), profile.serialPrefix()));
            return "serial " + journal.serial();
        });
        if (!state.foundLocked && resume.from() == Step.KEYGEN) {
            keyAndCertificate(fixture, journal, state);
            journal.step(Step.INSTALL, () -> {
                String verifier = parts.secrets() == null ? null : parts.secrets().issue(journal.unitId(), state.uid);
                String detail = state.custody.install(state.link, state.key, state.certificate, state.uid, verifier);
                state.key = null;
                return detail;
            });
        }
        if (state.foundLocked) {
            journal.skipped(Step.LOCK, "the device was found readout-protected on resume: the lock this unit"
                    + " requested before the station stopped holds; VERIFY observes it");
        } else {
            // read before locking: IDENTIFY found the device open, so LOCK runs even where a journal says it was done
            journal.step(Step.LOCK, () -> {
                state.link.lockDebug(profile.lockLevel());
                return "lock " + profile.lockLevel() + " requested";
            });
        }
        journal.step(Step.VERIFY, () -> {
            LockEvidence evidence = state.link.verifyLocked(profile.lockLevel());
            parts.store().recordLockEvidence(journal.unitId(), evidence);
            if (!evidence.locked() && dev.hallmark.engine.port.SecureBootObservation.notConfirmedIn(
                    String.join("; ", evidence.observations())).isPresent()) {
                throw new ProvisioningException(ErrorCode.DEVICE_SECURE_BOOT_NOT_CONFIRMED, "secure boot could not be"
                        + " confirmed from outside after the lock", String.join("; ", evidence.observations()), null);
            }
            if (!evidence.locked()) {
                throw new ProvisioningException(ErrorCode.DEVICE_LOCK_NOT_VERIFIED,
                        "the device still answers memory reads after the lock", String.join("; ", evidence.observations()), null);
            }
            return String.join("; ", evidence.observations());
        });
    }

    /** IDENTIFY; on resume the device must be the unit's own, or locked by this unit before the stop. */
    private String identify(Fixture fixture, UnitState state, ResumePoint resume) throws ProvisioningException {
        state.link = parts.links().open(fixture);
        DeviceInfo info = state.link.identify();
        if (!profile.chipFamily().equals(info.chipFamily())) {
            throw new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED, "the device is a " + info.chipFamily()
                    + ", the profile expects " + profile.chipFamily());
        }
        String prefix = resume.resumed() ? resume.describe() + "; " : "";
        if (info.readoutProtected() || info.uid() == null) {
            if (resume.resumed() && resume.lockStarted() && resume.uid() != null) {
                state.uid = resume.uid();
                state.foundLocked = true;
                return prefix + String.format("%s pid=0x%03x readout-protected, taken as unit's device %s locked"
                        + " before the stop", info.chipFamily(), info.productId(), resume.uid().hex());
            }
            throw resume.resumed()
                    ? new ProvisioningException(ErrorCode.INTERRUPTED_LOCK_UNEXPLAINED, "the device on fixture "
                            + fixture.id() + " is read-protected, but this unit never started its lock")
                    : new ProvisioningException(ErrorCode.DEVICE_ALREADY_LOCKED, "the device is already read-protected");
        }
        if (resume.uid() != null && !resume.uid().equals(info.uid())) {
            throw new ProvisioningException(ErrorCode.INTERRUPTED_DEVICE_CHANGED, "the device on fixture "
                    + fixture.id() + " is " + info.uid().hex() + ", not " + resume.uid().hex() + " of this unit");
        }
        state.uid = info.uid();
        return prefix + String.format("%s pid=0x%03x bootloader=0x%02x uid=%s", info.chipFamily(), info.productId(),
                info.bootloaderVersion(), info.uid().hex());
    }

    /**
     * KEYGEN, CSR and ISSUE. A certificate recorded before a stop is reused when its key still exists (on-device
     * custody); when the key was lost (a session key of injected custody), it is revoked and both facts recorded.
     */
    private void keyAndCertificate(Fixture fixture, UnitJournal journal, UnitState state) throws ProvisioningException {
        journal.step(Step.KEYGEN, () -> {
            state.custody = profile.custody() == KeyCustody.ON_DEVICE
                    ? new OnDeviceCustody(parts.deviceTokens().open(fixture))
                    : new InjectedCustody(parts.keys(), parts.wrapper());
            Custody.Keyed keyed = state.custody.keyFor(state.uid, profile.keySpec());
            state.key = keyed.key();
            // the public key must be new to the audit record before any certificate is requested for it
            parts.store().recordKey(journal.unitId(), KeyReference.of(keyed.key()));
            if (state.certificate == null) {
                return keyed.detail();
            }
            if (Pem.samePublicKey(state.certificate, state.key.publicKey())) {
                return keyed.detail() + "; certificate " + state.certificateSha256 + " recorded before the stop"
                        + " is for this key and is reused";
            }
            return keyed.detail() + "; the key of certificate " + state.certificateSha256 + " was lost in the stop: "
                    + supersede(fixture, journal, state);
        });
        if (state.certificate != null) {
            journal.skipped(Step.ISSUE, "certificate " + state.certificateSha256 + " issued before the stop is reused");
            return;
        }
        journal.step(Step.CSR, () -> {
            var keys = state.custody.keys();
            var key = state.key;
            X500Principal subject = profile.subjectOf(journal.serial(), lot);
            state.request = new IssueRequest(CsrFactory.create(keys, key, X500Name.getInstance(subject.getEncoded()),
                    state.uid, profile), journal.serial(), state.uid, profile, data -> keys.sign(key, data), subject);
            return "PKCS#10 signed in token, " + state.request.csrDer().length + " bytes";
        });
        journal.step(Step.ISSUE, () -> {
            IssuedCertificate issued = ca.issue(state.request, fixture.id());
            verifyOrRevoke(issued, fixture, state);
            X509Certificate leaf = issued.leaf();
            parts.store().recordCertificate(journal.unitId(), leaf);
            state.certificate = leaf;
            state.certificateSha256 = Pem.sha256(leaf);
            return "certificate serial " + leaf.getSerialNumber().toString(16) + " sha256 " + state.certificateSha256;
        });
    }

    /** Revokes the certificate whose key was lost, records the revocation, and forgets it; else the unit stops. */
    private String supersede(Fixture fixture, UnitJournal journal, UnitState state) throws ProvisioningException {
        Revocations.Fate fate = revocations.revoke(fixture.id(), state.certificate, state.certificateSha256,
                RevocationReason.SUPERSEDED);
        if (!fate.revoked()) {
            throw new ProvisioningException(ErrorCode.INTERRUPTED_REVOCATION_FAILED, fate.note());
        }
        parts.store().recordRevocation(journal.unitId(), state.certificateSha256, RevocationReason.SUPERSEDED,
                parts.clock().instant());
        state.certificate = null;
        state.certificateSha256 = null;
        return fate.note() + " (superseded) and the revocation recorded";
    }

    private UnitOutcome fail(Fixture fixture, UnitJournal journal, UnitState state, ProvisioningException e,
                             Instant started) {
        LOG.warn("fixture {} unit {}: {} failed: {}", fixture.id(), journal.serial(), journal.current(), e.oneLine(), e);
        if (state.key != null) {
            try {
                state.custody.abandon(state.key);
            } catch (ProvisioningException destroyFailure) {
                LOG.error("fixture {}: key {} of the failed unit could not be destroyed: {}", fixture.id(),
                        state.key.alias(), destroyFailure.oneLine(), destroyFailure);
            }
        }
        String cause = state.certificate == null ? e.oneLine() : e.oneLine() + "; " + revokeUnused(fixture, journal, state);
        Step failedStep = journal.current();
        UnitOutcome outcome = new UnitOutcome(fixture.id(), journal.serial(), state.uid, UnitResult.FAILED,
                failedStep, e.code(), cause, state.certificateSha256, elapsed(started));
        try {
            journal.failed(cause);
            parts.store().finish(journal.unitId(), outcome, parts.clock().instant());
        } catch (ProvisioningException storeFailure) {
            LOG.error("fixture {}: the failure of unit {} could not be recorded: {}", fixture.id(), journal.unitId(),
                    storeFailure.oneLine(), storeFailure);
        }
        return finished(outcome);
    }

    /** A certificate the engine rejects was still issued by the CA: it is revoked where the CA can, and named. */
    private void verifyOrRevoke(IssuedCertificate issued, Fixture fixture, UnitState state) throws ProvisioningException {
        try {
            checks.verify(issued, state.key, state.request, parts.clock().instant());
        } catch (ProvisioningException rejected) {
            Revocations.Fate fate = revocations.revoke(fixture.id(), issued.leaf(), Pem.sha256(issued.leaf()),
                    RevocationReason.UNSPECIFIED);
            throw new ProvisioningException(rejected.code(), rejected.getMessage() + "; rejected " + fate.note(),
                    rejected.rawDetail(), rejected);
        }
    }

    /** A failed unit's certificate must not stay valid: revoke it where the CA can, and say what happened. */
    private String revokeUnused(Fixture fixture, UnitJournal journal, UnitState state) {
        RevocationReason reason = RevocationReason.CESSATION_OF_OPERATION;
        Revocations.Fate fate = revocations.revoke(fixture.id(), state.certificate, state.certificateSha256, reason);
        if (fate.revoked()) {
            try {
                parts.store().recordRevocation(journal.unitId(), state.certificateSha256, reason, parts.clock().instant());
            } catch (ProvisioningException recordFailure) {
                LOG.error("fixture {}: the revocation of certificate {} could not be recorded: {}", fixture.id(),
                        state.certificateSha256, recordFailure.oneLine(), recordFailure);
                return fate.note() + " (not recorded: " + recordFailure.code().id() + ")";
            }
        }
        return fate.note();
    }

    private UnitOutcome finished(UnitOutcome outcome) {
        listener.unitFinished(outcome);
        return outcome;
    }

    private Duration elapsed(Instant started) {
        return Duration.between(started, parts.clock().instant());
    }

    /** What one unit has gathered so far. */
    private static final class UnitState {
        TargetLink link;
        Custody custody;
        DeviceUid uid;
        KeyHandle key;
        IssueRequest request;
        X509Certificate certificate;
        String certificateSha256;
        boolean foundLocked;
    }
}
