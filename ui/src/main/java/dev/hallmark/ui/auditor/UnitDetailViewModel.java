package dev.hallmark.ui.auditor;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitRecord;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One unit as the auditor reads it, made of plain text sections: summary, certificate, chain, key reference, lock
 * evidence and timeline. Built off the FX thread from a {@link UnitDetail}; immutable.
 */
public final class UnitDetailViewModel {

    private final UnitRecord unit;
    private final List<String> summary;
    private final List<String> certificate;
    private final List<String> chain;
    private final List<String> keyReference;
    private final List<String> lockEvidence;
    private final List<String> timeline;

    public UnitDetailViewModel(UnitDetail detail) {
        Objects.requireNonNull(detail, "detail");
        this.unit = detail.unit();
        this.summary = summaryOf(unit, detail.scanLabel(), detail.reworkNote());
        this.certificate = certificateOf(unit);
        this.chain = chainOf(detail.caChain());
        this.keyReference = keyReferenceOf(detail.events());
        this.lockEvidence = evidenceOf(detail.evidence());
        this.timeline = detail.events().stream().map(UnitDetailViewModel::line).toList();
    }

    private static List<String> summaryOf(UnitRecord u, String scanLabel, String reworkNote) {
        List<String> lines = new ArrayList<>();
        if (u.reworked() || u.certificateRevoked()) {
            lines.add(ReworkBanner.of(u, reworkNote));
        }
        lines.add("Serial: " + orDash(u.serial()) + "    Result: " + u.resultLabel());
        lines.add("UID: " + orDash(u.uid()) + "    Chip: " + orDash(u.chipFamily()));
        lines.add("Lot: " + u.lot() + "    Station: " + orDash(u.station()) + "    Fixture: " + orDash(u.fixture()));
        lines.add("Started: " + u.started() + "    Finished: " + (u.finished() == null ? "-" : u.finished()));
        lines.add("Scanned label: " + (scanLabel == null ? "- (not started by a scan)" : scanLabel));
        if (u.errorCode() != null || u.cause() != null) {
            lines.add("Failed at " + orDash(u.failedStep()) + ": " + orDash(u.errorCode()) + " " + orDash(u.cause()));
        }
        return List.copyOf(lines);
    }

    private static List<String> certificateOf(UnitRecord u) {
        if (u.certificatePem() == null) {
            return List.of("No certificate was issued to this unit.");
        }
        try {
            CertificateFacts c = CertificateFacts.parsePem(u.certificatePem()).get(0);
            List<String> lines = new ArrayList<>();
            lines.add("Subject: " + c.subject());
            lines.add("SAN: " + (c.subjectAltNames().isEmpty() ? "-" : String.join(", ", c.subjectAltNames())));
            lines.add("Valid: " + c.notBefore() + " to " + c.notAfter());
            lines.add("Serial number: " + c.serialHex());
            lines.add("SHA-256: " + c.sha256());
            if (u.certificateSha256() != null && !u.certificateSha256().equalsIgnoreCase(c.sha256())) {
                lines.add("WARNING: the recorded fingerprint " + u.certificateSha256() + " differs from the certificate's");
            }
            lines.add("Issuer: " + c.issuer());
            return List.copyOf(lines);
        } catch (CertificateException | RuntimeException e) {
            return List.of("The recorded certificate cannot be read: " + e.getMessage());
        }
    }

    private static List<String> chainOf(List<String> caChain) {
        List<String> lines = new ArrayList<>();
        for (String pem : caChain) {
            try {
                for (CertificateFacts c : CertificateFacts.parsePem(pem)) {
                    lines.add(c.subject() + "  (SHA-256 " + c.sha256().substring(0, 16) + "…, until " + c.notAfter() + ")");
                }
            } catch (CertificateException e) {
                lines.add("unreadable CA certificate: " + e.getMessage());
            }
        }
        return lines.isEmpty() ? List.of("-") : List.copyOf(lines);
    }

    /** The key reference as KEYGEN recorded it (token, CKA_ID, extractability), and where it went at INSTALL. */
    private static List<String> keyReferenceOf(List<StepEvent> events) {
        List<String> lines = new ArrayList<>();
        for (StepEvent e : events) {
            if (e.status() == StepStatus.DONE && (e.step() == Step.KEYGEN || e.step() == Step.INSTALL)
                    && e.detail() != null) {
                lines.add(e.step() + ": " + e.detail());
            }
        }
        return lines.isEmpty() ? List.of("No key was generated for this unit.") : List.copyOf(lines);
    }

    private static List<String> evidenceOf(LockEvidence evidence) {
        if (evidence == null) {
            return List.of("No lock evidence was recorded.");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Level " + evidence.level() + ": " + (evidence.locked() ? "LOCKED (verified)" : "NOT LOCKED"));
        evidence.observations().forEach(o -> lines.add("  " + o));
        return List.copyOf(lines);
    }

    private static String line(StepEvent e) {
        return e.at() + "  " + e.step() + " " + e.status() + (e.detail() == null ? "" : "  " + e.detail());
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    public UnitRecord unit() {
        return unit;
    }

    public List<String> summary() {
        return summary;
    }

    /** Subject, SAN, validity, serial number, SHA-256 fingerprint, issuer. */
    public List<String> certificate() {
        return certificate;
    }

    /** The CA chain above the certificate, issuing CA first. */
    public List<String> chain() {
        return chain;
    }

    public List<String> keyReference() {
        return keyReference;
    }

    public List<String> lockEvidence() {
        return lockEvidence;
    }

    /** The unit's events, oldest first. */
    public List<String> timeline() {
        return timeline;
    }

    /** All sections as one text, for the detail pane. */
    public String text() {
        StringBuilder s = new StringBuilder();
        section(s, "UNIT", summary);
        section(s, "CERTIFICATE", certificate);
        section(s, "CA CHAIN", chain);
        section(s, "KEY REFERENCE", keyReference);
        section(s, "LOCK EVIDENCE", lockEvidence);
        section(s, "EVENT TIMELINE", timeline);
        return s.toString();
    }

    private static void section(StringBuilder s, String title, List<String> lines) {
        if (!s.isEmpty()) {
            s.append('\n');
        }
        s.append(title).append('\n');
        lines.forEach(l -> s.append(l).append('\n'));
    }
}
