package dev.hallmark.db.bench;

import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * The benchmark's hook for the audit chain's verifier, which lives with the chain: verify the whole database and
 * return how many chain events were verified; the benchmark times it and reports events per second. The
 * generator writes the unit tables only, so a meaningful figure needs chained events in the database too.
 */
@FunctionalInterface
public interface ChainVerification {
    long verifyAll(AuditDatabase db) throws ProvisioningException;
}
