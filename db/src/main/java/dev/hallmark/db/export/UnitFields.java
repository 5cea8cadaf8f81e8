package dev.hallmark.db.export;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Field encodings the exports share: instants as ISO-8601 UTC, a recorded certificate's DER and SHA-256. */
final class UnitFields {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private UnitFields() {
    }

    static String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    /** The DER inside one recorded PEM certificate, without parsing the certificate itself. */
    static byte[] der(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the recorded certificate is not PEM");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
    }

    /** Lower-case hex SHA-256, as the store records certificate fingerprints. */
    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
