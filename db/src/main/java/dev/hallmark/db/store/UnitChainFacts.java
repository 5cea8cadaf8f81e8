package dev.hallmark.db.store;

/**
 * The facts a unit's chain adds to its sealed row, as SQL select columns derived from its events (never stored a
 * second time, so they cannot disagree with the chain): {@code reworked_at}, the time of the unit's UNIT_REWORKED
 * event or null, and {@code cert_revoked}, whether its certificate has a CERTIFICATE_REVOKED event. Each is one
 * index lookup (audit_events by unit, and by certificate fingerprint).
 */
public final class UnitChainFacts {

    private UnitChainFacts() {
    }

    /**
     * The two select columns for the units table named {@code units} (its alias or name) in the statement.
     *
     * @param units a fixed alias written by our code, never user input
     */
    public static String columns(String units) {
        return "(select min(r.at) from audit_events r where r.unit_id = " + units + ".id and r.kind = 'UNIT_REWORKED')"
                + " as reworked_at, case when " + units + ".cert_sha256 is not null and exists (select 1 from"
                + " audit_events v where v.kind = 'CERTIFICATE_REVOKED' and v.cert_sha256 = " + units + ".cert_sha256)"
                + " then true else false end as cert_revoked";
    }
}
