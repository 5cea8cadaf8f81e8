package dev.hallmark.app.report;

import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the conformity report of one lot says, gathered once and written twice (JSON for machines, PDF for
 * people), so both always agree.
 *
 * @param classesClaimed   the ISO/IEC 27402 classes the lot's units were provisioned under
 * @param failuresByCause  error code (HM-nnn) to the number of failed attempts
 * @param failuresByStep   step to the number of failed attempts
 * @param controlTotals    control to {satisfied, recorded}
 * @param auditChain       the audit-chain verification (db.chain.ChainVerifier) of the whole database
 * @param actionChain      the verification of the action log's hash chain
 * @param actions          the actions people took on this lot
 * @param provenance       the product profile, the software that wrote the report, the lot's first and last unit
 * @param trust            which key the audit chain was verified against, its heads, and the report's signer
 */
public record LotReport(String lot, Instant generatedAt, String generatedBy, List<String> stations,
                        List<String> classesClaimed, Summary summary, Map<String, Integer> failuresByCause,
                        Map<String, Integer> failuresByStep, Map<String, int[]> controlTotals, List<UnitEntry> units,
                        ChainResult auditChain, ChainResult actionChain, List<ActionEntry> actions,
                        Provenance provenance, Trust trust) {

    /** Counts: attempts, passed, failed, reworked, under way, and the yield (passed over finished). */
    public record Summary(int attempts, int passed, int failed, int reworked, int inProgress, int distinctDevices) {
        public double yieldPercent() {
            int finished = passed + failed;
            return finished == 0 ? 0.0 : 100.0 * passed / finished;
        }
    }

    /** One unit attempt with the evidence of each control. */
    public record UnitEntry(UnitRecord unit, List<ControlEvidence> controls) {
    }

    /**
     * A chain verification: whether it holds, what was found, and the pin it was checked against ({@code token},
     * {@code auditor pin}, {@code trust list}, {@code unpinned}; decision 0018) or how else it is held.
     */
    public record ChainResult(String what, boolean holds, int checked, List<String> lines, String pin) {
    }

    /** An action taken on this lot, with who approved it. */
    public record ActionEntry(long seq, Instant at, String operator, String action, String target, String approver,
                              String outcome, String detail) {
    }

    /** Where the lot and the report come from: profile, software version and build, first start, last finish. */
    public record Provenance(String profile, String softwareVersion, String softwareBuild, Instant firstStarted,
                             Instant lastFinished) {
    }

    /**
     * The statement of trust the signature covers.
     *
     * @param pinSha256   the audit key fingerprint the chain was verified against, null when none was pinned
     * @param pinSource   how that pin was obtained, in words
     * @param heads       each station's chain head (seq and hash) when the report was made
     * @param signer      the certificate that signs the report, null until known
     */
    public record Trust(String pinSha256, String pinSource, List<ChainHead> heads, SignerInfo signer) {
        /** The same statement with the report's signer. */
        public Trust withSigner(SignerInfo s) {
            return new Trust(pinSha256, pinSource, heads, s);
        }
    }

    /** One station's audit chain head. */
    public record ChainHead(String station, long seq, String hash) {
    }

    /** The report's signer: its certificate's subject and SHA-256, and the SHA-256 of its public key. */
    public record SignerInfo(String subject, String certificateSha256, String keySha256) {
    }
}
