package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where a unit that began but never finished picks up again, read from its journal and record
 * (docs/decisions/0007-resume.md). IDENTIFY and CLAIM always run again (both are safe to repeat); then
 * <ul>
 *   <li>nothing installed yet: from KEYGEN, where the key is looked up before one is generated and a certificate
 *       already recorded is reused if its key still exists, else revoked;</li>
 *   <li>INSTALL done: from LOCK, which is skipped when IDENTIFY finds the device already locked;</li>
 *   <li>LOCK done: from VERIFY, which observes the lock again before the unit is sealed (a device IDENTIFY finds
 *       open is locked again first).</li>
 * </ul>
 *
 * @param resumed     whether the unit is resumed (false for a fresh unit)
 * @param from        the first step after CLAIM that runs
 * @param uid         the device the unit claimed, or null
 * @param certificate the unit's recorded certificate, or null
 * @param lockStarted whether LOCK was started: a locked device on the fixture is then this unit's own
 * @param lastDone    the last step the journal shows done, or null
 * @param pendingRequest the CSR SHA-256 of a request to the CA whose intent is on file and whose answer is not
 *                    (ISSUE started, never done), or null: the CA may hold a certificate the station never recorded
 */
record ResumePoint(boolean resumed, Step from, DeviceUid uid, X509Certificate certificate, boolean lockStarted,
                   Step lastDone, String pendingRequest) {

    /** A fresh unit: everything runs. */
    static ResumePoint fresh() {
        return new ResumePoint(false, Step.KEYGEN, null, null, false, null, null);
    }

    /** The point of a unit found unfinished, from its record and journal. */
    static ResumePoint of(UnitRecord unit, List<StepEvent> journal) throws ProvisioningException {
        Step lastDone = null;
        boolean lockStarted = false;
        String pendingRequest = null;
        for (StepEvent e : journal) {
            if (e.step() == Step.ISSUE && e.status() == StepStatus.STARTED) {
                pendingRequest = IssueIntent.requestOf(e.detail());
            } else if (e.step() == Step.ISSUE && e.status() == StepStatus.DONE) {
                pendingRequest = null;
            }
            if (e.status() == StepStatus.DONE && (lastDone == null || e.step().compareTo(lastDone) > 0)) {
                lastDone = e.step();
            }
            lockStarted |= e.step() == Step.LOCK && e.status() == StepStatus.STARTED;
        }
        Step from;
        if (lastDone != null && lastDone.compareTo(Step.LOCK) >= 0) {
            from = Step.VERIFY;
        } else if (lastDone == Step.INSTALL) {
            from = Step.LOCK;
        } else {
            from = Step.KEYGEN;
        }
        return new ResumePoint(true, from, unit.uid() == null ? null : DeviceUid.ofHex(unit.uid()),
                certificate(unit), lockStarted, lastDone, pendingRequest);
    }

    private static X509Certificate certificate(UnitRecord unit) throws ProvisioningException {
        if (unit.certificatePem() == null) {
            return null;
        }
        try {
            return Pem.parseCertificates(unit.certificatePem().getBytes(StandardCharsets.US_ASCII)).get(0);
        } catch (CertificateException | RuntimeException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the recorded certificate of unit " + unit.serial()
                    + " cannot be read back", e.getMessage(), e);
        }
    }

    /** The journal's words for where the unit picks up. */
    String describe() {
        return resumed ? "resumed after a stop; last step done " + (lastDone == null ? "none" : lastDone)
                + ", continuing from " + from : "";
    }
}
