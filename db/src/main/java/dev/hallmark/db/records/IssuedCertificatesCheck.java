package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.FindingKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks the CA's issued log against the recorded units (decision 0018): every certificate the CA issued must be
 * recorded for a unit ({@code unit_certificates}) or revoked; one that is neither is named, since the unit that got it
 * is missing from the record. Looks the fingerprints up in batches on the unique index.
 */
final class IssuedCertificatesCheck {

    private static final int BATCH = 200;

    private final Connection c;
    private final Consumer<ChainFinding> findings;

    IssuedCertificatesCheck(Connection c, Consumer<ChainFinding> findings) {
        this.c = c;
        this.findings = findings;
    }

    /** Runs the check; returns the summary line, or null when there is no issued log to check. */
    String run(List<AuditTrust.IssuedEntry> issued) throws SQLException {
        if (issued.isEmpty()) {
            return null;
        }
        List<AuditTrust.IssuedEntry> live = issued.stream().filter(e -> !e.revoked()).toList();
        long unrecorded = 0;
        for (int from = 0; from < live.size(); from += BATCH) {
            List<AuditTrust.IssuedEntry> batch = live.subList(from, Math.min(live.size(), from + BATCH));
            Set<String> recorded = recorded(batch);
            for (AuditTrust.IssuedEntry e : batch) {
                if (!recorded.contains(e.sha256())) {
                    unrecorded++;
                    findings.accept(new ChainFinding(FindingKind.UNRECORDED_CERTIFICATE, "ca/issued.log", null, null,
                            null, "the CA issued certificate serial " + e.serialHex() + " (sha256 " + e.sha256()
                            + ", " + e.subject() + ") and no unit records it; it is not revoked"));
                }
            }
        }
        return "CA issued log: " + issued.size() + " certificates, " + (issued.size() - live.size()) + " revoked, "
                + unrecorded + " recorded by no unit";
    }

    private Set<String> recorded(List<AuditTrust.IssuedEntry> batch) throws SQLException {
        String marks = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select cert_sha256 from unit_certificates where cert_sha256 in (" + marks + ")")) {
            for (int i = 0; i < batch.size(); i++) {
                ps.setString(i + 1, batch.get(i).sha256());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
