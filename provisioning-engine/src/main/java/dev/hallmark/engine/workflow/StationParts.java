package dev.hallmark.engine.workflow;

import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.port.UnitSecrets;
import java.time.Clock;
import java.util.Objects;

/**
 * The parts a station provisions with, handed in by the composition root.
 *
 * @param stationId    the station's name in the audit records
 * @param deviceTokens the device tokens at the fixtures (on-device custody), or null
 * @param secrets      issues each unit's secret at INSTALL (installed with the identity), or null: none
 */
public record StationParts(String stationId, TargetLinkFactory links, DeviceKeyStore keys, KeyWrapper wrapper,
                           CertificateIssuer issuer, AuditStore store, Clock clock, DeviceTokens deviceTokens,
                           UnitSecrets secrets) {
    public StationParts {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(wrapper, "wrapper");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
    }

    /** Parts without per-unit secrets. */
    public StationParts(String stationId, TargetLinkFactory links, DeviceKeyStore keys, KeyWrapper wrapper,
                        CertificateIssuer issuer, AuditStore store, Clock clock, DeviceTokens deviceTokens) {
        this(stationId, links, keys, wrapper, issuer, store, clock, deviceTokens, null);
    }

    /** Parts for injected custody only: no device tokens at the fixtures. */
    public StationParts(String stationId, TargetLinkFactory links, DeviceKeyStore keys, KeyWrapper wrapper,
                        CertificateIssuer issuer, AuditStore store, Clock clock) {
        this(stationId, links, keys, wrapper, issuer, store, clock, null, null);
    }
}
