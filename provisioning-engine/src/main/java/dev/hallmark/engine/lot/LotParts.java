package dev.hallmark.engine.lot;

import dev.hallmark.engine.conformity.ConformityEvidence;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.ConformityRecords;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.KeyAttributeReader;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.engine.port.LotStore;
import dev.hallmark.engine.port.UnitSecretRecords;
import dev.hallmark.engine.workflow.RetryPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The station's parts a lot session runs on, filled by the composition root (station-app) from its adapters.
 *
 * @param stationId       the station's name in the audit records
 * @param store           the audit record: units and their journal
 * @param lots            the audit record's lots: plan, quota, report, units left under way
 * @param keys            the station token's device key store (injected custody)
 * @param attributes      reads each generated key's attributes back, for the conformity evidence
 * @param wrapper         wraps injected keys for the device's transport key
 * @param issuer          the CA
 * @param clock           the station's clock
 * @param conformity      where each unit's control evidence is recorded
 * @param unitSecrets     where each unit's secret is recorded (verifier, customer-wrapped copy)
 * @param units           finds the unit a serial was allocated to
 * @param links           the device link per chip family
 * @param tokens          the key tokens' own descriptions, for the class check
 * @param deviceTokens    the fixtures' device tokens (on-device custody), or null where none are configured
 * @param certifiedModule the key token's certification as declared by the station's owner, or null
 * @param random          randomness for the unit secrets
 * @param caRetry         how long a unit waits for an unreachable CA
 */
public record LotParts(String stationId, AuditStore store, LotStore lots, DeviceKeyStore keys,
                       KeyAttributeReader attributes, KeyWrapper wrapper, CertificateIssuer issuer, Clock clock, ConformityRecords conformity,
                       UnitSecretRecords unitSecrets, ConformityEvidence.UnitFinder units, ChipLinks links,
                       KeyTokenFacts tokens, DeviceTokens deviceTokens, String certifiedModule, SecureRandom random,
                       RetryPolicy caRetry) {
    public LotParts {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(lots, "lots");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(wrapper, "wrapper");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(conformity, "conformity");
        Objects.requireNonNull(unitSecrets, "unitSecrets");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(random, "random");
        caRetry = caRetry == null ? RetryPolicy.standard() : caRetry;
    }

    /** The same parts over other links (e.g. short timeouts for faulty simulators). */
    public LotParts withLinks(ChipLinks other) {
        return new LotParts(stationId, store, lots, keys, attributes, wrapper, issuer, clock, conformity, unitSecrets, units,
                other, tokens, deviceTokens, certifiedModule, random, caRetry);
    }

    /** The same parts with the fixtures' device tokens (on-device custody). */
    public LotParts withDeviceTokens(DeviceTokens other) {
        return new LotParts(stationId, store, lots, keys, attributes, wrapper, issuer, clock, conformity, unitSecrets, units,
                links, tokens, other, certifiedModule, random, caRetry);
    }

    /** The same parts under another station name. */
    public LotParts withStationId(String other) {
        return new LotParts(other, store, lots, keys, attributes, wrapper, issuer, clock, conformity, unitSecrets, units,
                links, tokens, deviceTokens, certifiedModule, random, caRetry);
    }
}
