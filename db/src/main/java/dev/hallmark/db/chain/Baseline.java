package dev.hallmark.db.chain;

/**
 * The rows written before the chain existed, as schema V2 recorded them in {@code audit_chain_baseline}: units and
 * step events with ids up to these are outside the chain, and the verifier does not ask them for events.
 */
record Baseline(long unitsMaxId, long stepEventsMaxId) {
}
