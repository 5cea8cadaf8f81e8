package dev.hallmark.ca.embedded;

import dev.hallmark.engine.port.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@code revoked.log}: when the certificate was revoked, its serial (upper-case hex), the
 * RFC 5280 CRLReason code and, for the reader, the reason's name; separated by tabs.
 *
 * @param reasonCode the CRLReason code (0 to 10, not 7); kept as a number so a reason this version does
 *                   not name still reaches the CRL
 */
record Revocation(Instant revokedAt, BigInteger serial, int reasonCode) {

    Revocation {
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(serial, "serial");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("the serial " + serial + " is not positive");
        }
        if (reasonCode < 0 || reasonCode > 10 || reasonCode == 7) {
            throw new IllegalArgumentException(reasonCode + " is not an RFC 5280 CRLReason code");
        }
    }

    Revocation(Instant revokedAt, BigInteger serial, RevocationReason reason) {
        this(revokedAt, serial, reason.code());
    }

    /** The reason's name in this version, or {@code code-N} for one it does not name. */
    String reasonName() {
        for (RevocationReason reason : RevocationReason.values()) {
            if (reason.code() == reasonCode) {
                return reason.name();
            }
        }
        return "code-" + reasonCode;
    }

    String toLine() {
        return String.join("\t", revokedAt.toString(), IssuedRecord.serialHex(serial), Integer.toString(reasonCode),
                reasonName());
    }

    static Revocation parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException("expected 4 tab-separated fields, found " + fields.length);
        }
        int code;
        try {
            code = Integer.parseInt(fields[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + fields[2] + "' is not a CRLReason code", e);
        }
        return new Revocation(IssuedRecord.instant(fields[0]), IssuedRecord.parseSerial(fields[1]), code);
    }
}
