package dev.hallmark.ca.embedded;

import dev.hallmark.engine.crypto.Pem;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
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
 * separated by tabs; since issue 20 also the request it answered (the SHA-256 of the CSR, lower-case hex) and the
 * certificate itself (base64 DER), so a station that stopped before recording it can ask for it (decision 0020).
 * Lines of five fields (before then) have neither.
 */
record IssuedRecord(Instant issuedAt, BigInteger serial, String sha256, Instant notAfter, String subject,
                    String request, String certificateBase64) {

    IssuedRecord(Instant issuedAt, BigInteger serial, String sha256, Instant notAfter, String subject) {
        this(issuedAt, serial, sha256, notAfter, subject, null, null);
    }

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

    /** The record of a certificate issued for the request with this CSR SHA-256, the certificate kept in it. */
    static IssuedRecord of(X509Certificate certificate, Instant issuedAt, String csrSha256) {
        if (!SHA256.matcher(csrSha256).matches()) {
            throw new IllegalArgumentException("'" + csrSha256 + "' is not a lower-case hex SHA-256");
        }
        return new IssuedRecord(issuedAt, certificate.getSerialNumber(), Pem.sha256(certificate),
                certificate.getNotAfter().toInstant(), certificate.getSubjectX500Principal().toString(), csrSha256,
                base64(certificate));
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    /**
     * The certificate kept in the record, decoded now and checked against the record's serial and SHA-256; null for
     * a record without one. The CA record is damaged (IllegalArgumentException) when it does not decode or match.
     */
    X509Certificate certificate() {
        if (certificateBase64 == null) {
            return null;
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(certificateBase64)));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("the certificate field of serial " + serialHex(serial)
                    + " is not a base64 DER certificate");
        }
        if (!describes(certificate)) {
            throw new IllegalArgumentException("the certificate field of serial " + serialHex(serial)
                    + " does not match its serial and SHA-256");
        }
        return certificate;
    }

    /** Whether this record is of {@code certificate}: the same serial and the same DER encoding. */
    boolean describes(X509Certificate certificate) {
        return serial.equals(certificate.getSerialNumber()) && sha256.equals(Pem.sha256(certificate));
    }

    String toLine() {
        String line = String.join("\t", issuedAt.toString(), serialHex(serial), sha256, notAfter.toString(),
                escape(subject));
        if (request == null) {
            return line;
        }
        return line + "\t" + request + "\t" + certificateBase64;
    }

    static IssuedRecord parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5 && fields.length != 7) {
            throw new IllegalArgumentException("expected 5 or 7 tab-separated fields, found " + fields.length);
        }
        if (fields.length == 5) {
            return new IssuedRecord(instant(fields[0]), parseSerial(fields[1]), fields[2], instant(fields[3]),
                    unescape(fields[4]));
        }
        if (!SHA256.matcher(fields[5]).matches()) {
            throw new IllegalArgumentException("'" + fields[5] + "' is not a request's lower-case hex SHA-256");
        }
        return new IssuedRecord(instant(fields[0]), parseSerial(fields[1]), fields[2], instant(fields[3]),
                unescape(fields[4]), fields[5], fields[6]);
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
