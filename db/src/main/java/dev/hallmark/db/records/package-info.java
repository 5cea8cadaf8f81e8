/**
 * The records beside the audit chain — the action log and the per-unit conformity evidence — as the chain vouches for
 * them: their encodings in chain events and the verifier's checks of them (decision 0014).
 */
package dev.hallmark.db.records;
