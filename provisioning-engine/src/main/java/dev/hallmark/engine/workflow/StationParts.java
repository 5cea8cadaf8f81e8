package dev.hallmark.engine.workflow;

import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.engine.port.TargetLinkFactory;
import java.time.Clock;
import java.util.Objects;

/**
 * The parts a station provisions with, handed in by the composition root.
 *
 * @param stationId the station's name in the audit records
 */
public record StationParts(String stationId, TargetLinkFactory links, DeviceKeyStore keys, KeyWrapper wrapper,
                           CertificateIssuer issuer, AuditStore store, Clock clock) {
    public StationParts {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(wrapper, "wrapper");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
    }
}
