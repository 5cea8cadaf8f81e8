package dev.hallmark.engine.port;

import dev.hallmark.engine.api.UnitResult;
import java.time.Instant;

/**
 * A unit as recorded in the audit store.
 *
 * @param certificatePem the device certificate, PEM, or null when none was issued
 * @param errorCode      e.g. {@code HM-301}, null on PASS
 */
public record UnitRecord(long id, String lot, String serial, String uid, String chipFamily, UnitResult result,
                         String failedStep, String errorCode, String cause, String certificatePem,
                         String certificateSha256, String station, String fixture, Instant started,
                         Instant finished) {
}
