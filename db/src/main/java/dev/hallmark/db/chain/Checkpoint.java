package dev.hallmark.db.chain;

import java.time.Instant;

/**
 * A signed checkpoint over a station's chain head, as stored in {@code audit_checkpoints}.
 *
 * @param seq             the seq of the head event it covers
 * @param reason          a {@link CheckpointReason} name, as stored
 * @param headHash        that event's hash
 * @param signerPublicKey the signer's SubjectPublicKeyInfo DER, base64
 * @param signerRef       where the private key is ({@code token/alias#id}); informative, not signed
 * @param signature       base64 of the signature over {@link ChainFormat#checkpointBytes}
 */
public record Checkpoint(long id, String station, long seq, String headHash, Instant createdAt,
                         String reason, String signerKeySha256, String signerPublicKey, String signerRef,
                         String signerCertSha256, String signatureAlgorithm, String signature) {
}
