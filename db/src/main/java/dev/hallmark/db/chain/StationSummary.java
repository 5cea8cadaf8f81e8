package dev.hallmark.db.chain;

import java.util.Set;

/**
 * What the verifier saw of one station's chain.
 *
 * @param events      event rows read
 * @param headSeq     the seq of the recorded chain head (0 when none)
 * @param checkpoints checkpoints read
 * @param anchoredSeq the highest seq covered by a checkpoint that verifies and matches the chain (0 when none)
 * @param signerKeys  SHA-256 fingerprints of the keys whose checkpoints verified
 */
public record StationSummary(String station, long events, long headSeq, long checkpoints, long anchoredSeq,
                             Set<String> signerKeys) {

    public StationSummary {
        signerKeys = Set.copyOf(signerKeys);
    }

    /** Events after the last good checkpoint: held by the hash chain only, not yet by a signature. */
    public long unanchored() {
        return Math.max(0, headSeq - anchoredSeq);
    }
}
