package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the per-unit secrets are kept: only their hash and the form wrapped for the customer, never the secret. */
public interface UnitSecretRecords {

    /** Records the secret issued to a unit: its verifier (hash) and the wrapped secret (base64), or null if none. */
    void record(long unitId, String verifier, String wrapped, Instant at) throws ProvisioningException;

    /** The verifier last recorded for the unit. */
    Optional<String> verifier(long unitId) throws ProvisioningException;

    /** The wrapped secrets of a lot's PASS units (latest per unit), for the customer's export. */
    List<WrappedSecret> wrapped(String lot) throws ProvisioningException;

    /** One PASS unit's secret as the customer receives it. */
    record WrappedSecret(String serial, String uid, String wrapped) {
    }
}
