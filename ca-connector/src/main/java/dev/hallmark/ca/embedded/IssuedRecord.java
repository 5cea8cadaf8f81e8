package dev.hallmark.ca.embedded;

import dev.hallmark.engine.crypto.Pem;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of {@code issued.log}: when the certificate was issued, its serial (upper-case hex, as
 * {@code openssl x509 -serial} prints it), the SHA-256 of its DER encoding, its notAfter and its subject,
 * separated by tabs.
 */
record IssuedRecord(Instant issuedAt, BigInteger serial, String sha256, Instant notAfter, String subject) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    IssuedRecord {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(subject, "subject");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("the serial " + serial + " is not positive");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a lower-case hex SHA-256");
        }
    }

    static IssuedRecord of(X509Certificate certificate, Instant issuedAt) {
        return new IssuedRecord(issuedAt, certificate.getSerialNumber(), Pem.sha256(certificate),
                certificate.getNotAfter().toInstant(), certificate.getSubjectX500Principal().toString());
    }

    /** Whether this record is of {@code certificate}: the same serial and the same DER encoding. */
    boolean describes(X509Certificate certificate) {
        return serial.equals(certificate.getSerialNumber()) && sha256.equals(Pem.sha256(certificate));
    }

    String toLine() {
        return String.join("\t", issuedAt.toString(), serialHex(serial), sha256, notAfter.toString(), escape(subject));
    }

    static IssuedRecord parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 tab-separated fields, found " + fields.length);
        }
        return new IssuedRecord(instant(fields[0]), parseSerial(fields[1]), fields[2], instant(fields[3]),
                unescape(fields[4]));
    }

    /** Upper-case hex of an even number of digits, as OpenSSL prints serials. */
    static String serialHex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    static BigInteger parseSerial(String hex) {
        if (hex.isEmpty() || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("'" + hex + "' is not a hex serial");
        }
        return new BigInteger(hex, 16);
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant", e);
        }
    }

    /** Backslash, tab, CR and LF escaped so the subject stays one field of one line. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == text.length()) {
                throw new IllegalArgumentException("the subject ends in a lone backslash");
            }
            out.append(switch (text.charAt(i)) {
                case '\\' -> '\\';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> throw new IllegalArgumentException("unknown escape \\" + text.charAt(i) + " in the subject");
            });
        }
        return out.toString();
    }
}
