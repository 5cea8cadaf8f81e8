package dev.hallmark.db.store;

import java.time.Instant;

/**
 * A certificate recorded for a unit ({@code unit_certificates}); a unit re-issued after a crash has several, and
 * only the latest is current: the earlier ones were superseded (and should be revoked, see
 * {@link JdbcAuditStore#recordRevocation}).
 *
 * @param revocation the revocation reason recorded for it, or null
 */
public record UnitCertificate(long id, long unitId, String sha256, String pem, Instant recordedAt, boolean current,
                              String revocation) {
}
