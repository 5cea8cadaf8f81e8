package dev.hallmark.engine.crypto;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** PEM encoding and SHA-256 fingerprints of X.509 certificates. */
public final class Pem {

    private Pem() {
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public static String certificates(List<X509Certificate> certs) {
        StringBuilder out = new StringBuilder();
        certs.forEach(c -> out.append(certificate(c)));
        return out.toString();
    }

    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Parses every certificate in a PEM (or DER) text, in order. */
    public static List<X509Certificate> parseCertificates(byte[] pemOrDer) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.Certificate> all =
                factory.generateCertificates(new ByteArrayInputStream(pemOrDer));
        List<X509Certificate> out = new ArrayList<>();
        for (java.security.cert.Certificate c : all) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    public static X509Certificate parseCertificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** Lower-case hex SHA-256 over the DER encoding. */
    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 over a certificate failed", e);
        }
    }

    /** Whether two certificates carry the same public key. */
    public static boolean samePublicKey(X509Certificate a, java.security.PublicKey b) {
        return java.util.Arrays.equals(a.getPublicKey().getEncoded(), b.getEncoded());
    }

}
