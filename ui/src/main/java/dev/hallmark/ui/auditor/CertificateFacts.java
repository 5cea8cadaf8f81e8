package dev.hallmark.ui.auditor;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * What an auditor reads off a certificate: subject, issuer, subject alternative names, validity, serial and
 * SHA-256 fingerprint of the DER encoding.
 */
public record CertificateFacts(String subject, String issuer, List<String> subjectAltNames, String notBefore,
                               String notAfter, String serialHex, String sha256) {

    private static final String[] SAN_KINDS = {"other", "email", "DNS", "x400", "dirName", "ediParty", "URI", "IP",
        "registeredID"};

    /** Parses every certificate of a PEM text, in order. */
    public static List<CertificateFacts> parsePem(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.Certificate> certificates =
                factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<CertificateFacts> facts = new ArrayList<>();
        for (var c : certificates) {
            facts.add(of((X509Certificate) c));
        }
        return facts;
    }

    /** The facts of one certificate. */
    public static CertificateFacts of(X509Certificate c) throws CertificateException {
        return new CertificateFacts(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                altNames(c), c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString(),
                c.getSerialNumber().toString(16), sha256(c.getEncoded()));
    }

    private static List<String> altNames(X509Certificate c) throws CertificateParsingException {
        Collection<List<?>> names = c.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (List<?> name : names) {
            int kind = (Integer) name.get(0);
            String label = kind >= 0 && kind < SAN_KINDS.length ? SAN_KINDS[kind] : "type " + kind;
            out.add(label + ":" + name.get(1));
        }
        return out;
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
