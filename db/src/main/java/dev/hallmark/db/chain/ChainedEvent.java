package dev.hallmark.db.chain;

/**
 * An audit event at its place in its station's chain, as stored in {@code audit_events}.
 *
 * @param id       the row id (not hashed: it is the database's, not the chain's)
 * @param seq      the event's number in its station's chain, from 1
 * @param prevHash the hash of the station's previous event, {@link ChainFormat#GENESIS} for the first
 * @param hash     {@link ChainFormat#eventHash} of this event
 */
public record ChainedEvent(long id, long seq, String prevHash, String hash, AuditEvent event) {
}
