package dev.hallmark.engine.port;

import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Instant;
import java.util.List;

/**
 * The lots of the audit database: a lot created before its first unit begins, opened with its plan (quota and serial
 * scheme), closed, reported, and the units left under way in it. Kept apart from {@link AuditStore} (the unit journal the workflow writes), so a store
 * that keeps no lot plans does not have to pretend to.
 */
public interface LotStore {

    /** Creates the lot if it does not exist yet. */
    void ensureLot(String lot, String profileName, Instant at) throws ProvisioningException;

    /**
     * Creates the lot if it does not exist yet and records the profile it is made to, as it is now (a snapshot); a
     * store that keeps no snapshots records the name only.
     */
    default void ensureLot(String lot, ProductProfile profile, Instant at) throws ProvisioningException {
        ensureLot(lot, profile.name(), at);
    }

    /**
     * Opens the lot with its plan (quota and serial scheme), or checks that the lot was opened with the same plan
     * (LOT_MISMATCH otherwise). From then on {@link AuditStore#claim} allocates the lot's serials and refuses a unit
     * past the quota (LOT_QUOTA_REACHED) or in a closed lot (LOT_CLOSED), whatever serial prefix it is given.
     */
    void openLot(LotPlan plan, Instant at) throws ProvisioningException;

    /** Closes the lot: no unit is claimed in it afterwards. Closing a closed lot changes nothing. */
    void closeLot(String lot, Instant at) throws ProvisioningException;

    /** The lot's plan and its units by result. */
    LotReport lotReport(String lot) throws ProvisioningException;

    /**
     * The resume query: units the station began in the lot and never sealed, oldest first. After a crash these
     * are resumed from their last finished step.
     */
    List<UnitRecord> unfinished(String station, String lot) throws ProvisioningException;
}
