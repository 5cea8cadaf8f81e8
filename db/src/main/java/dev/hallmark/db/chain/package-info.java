/**
 * The tamper-evident audit chain: every write of the audit store appends an {@link dev.hallmark.db.chain.AuditEvent}
 * whose SHA-256 hash covers its fields and the previous event's hash of the same station, signed checkpoints over the
 * chain head, and the {@link dev.hallmark.db.chain.ChainVerifier} that names each edited, deleted, inserted or
 * reordered row. The format is specified in {@link dev.hallmark.db.chain.ChainFormat} and
 * docs/decisions/0003-audit-chain.md.
 */
package dev.hallmark.db.chain;
