package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedded CA's public files in its directory: {@code root.pem}, {@code issuing.pem} and
 * {@code chain.pem} (issuing then root), and the CRL {@code issuing.crl} (DER) once one is written. They
 * hold certificates and CRLs only; the keys stay in the token.
 */
final class CaFiles {

    static final String ROOT = "root.pem";
    static final String ISSUING = "issuing.pem";
    static final String CHAIN = "chain.pem";
    static final String CRL = "issuing.crl";
    /** Every file the CA keeps in its directory; any of them marks the directory as taken. */
    static final List<String> ALL = List.of(ROOT, ISSUING, CHAIN, CRL, IssuedCertificateLog.FILE, RevocationLog.FILE,
            CrlNumber.FILE, CaDirectoryLock.FILE);

    private final Path dir;

    CaFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    Path dir() {
        return dir;
    }

    /** Whether both CA certificates are present. */
    boolean complete() {
        return Files.isRegularFile(dir.resolve(ROOT)) && Files.isRegularFile(dir.resolve(ISSUING));
    }

    /** Whether any of the CA's files is present (a CA, or the remains of one). */
    boolean anyPresent() {
        return ALL.stream().anyMatch(name -> Files.exists(dir.resolve(name)));
    }

    Path crl() {
        return dir.resolve(CRL);
    }

    /** Replaces {@code issuing.crl} with {@code crl}, DER-encoded, atomically. */
    Path writeCrl(X509CRL crl) throws ProvisioningException {
        Path target = crl();
        try {
            DurableFiles.writeAtomically(target, crl.getEncoded());
        } catch (IOException | CRLException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot write the CRL to " + target,
                    e.toString(), e);
        }
        return target;
    }

    /** Writes the three files, each atomically; on failure removes those this call wrote. */
    void write(X509Certificate root, X509Certificate issuing) throws ProvisioningException {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            writeAtomically(ISSUING, Pem.certificate(issuing), written);
            writeAtomically(CHAIN, Pem.certificates(List.of(issuing, root)), written);
            writeAtomically(ROOT, Pem.certificate(root), written);
        } catch (IOException e) {
            for (Path path : written) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE,
                    "cannot write the CA certificates to " + dir, e.toString(), e);
        }
    }

    /** Reads and cross-checks the CA certificates; returns them issuing CA first, root last. */
    List<X509Certificate> read() throws ProvisioningException {
        if (!complete()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "no embedded CA in " + dir + "; run 'hallmark ca init'");
        }
        X509Certificate root = readOne(ROOT);
        X509Certificate issuing = readOne(ISSUING);
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw invalid(ROOT + " is not a self-signed root certificate", e);
        }
        try {
            issuing.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw invalid(ISSUING + " was not issued by " + ROOT, e);
        }
        if (!issuing.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            throw invalid(ISSUING + " names another issuer than " + ROOT, null);
        }
        return List.of(issuing, root);
    }

    private X509Certificate readOne(String name) throws ProvisioningException {
        Path path = dir.resolve(name);
        List<X509Certificate> certificates;
        try {
            certificates = Pem.parseCertificates(Files.readAllBytes(path));
        } catch (IOException | CertificateException e) {
            throw invalid(name + " cannot be read as a certificate", e);
        }
        if (certificates.size() != 1) {
            throw invalid(name + " holds " + certificates.size() + " certificates instead of one", null);
        }
        return certificates.get(0);
    }

    private void writeAtomically(String name, String pem, List<Path> written) throws IOException {
        Path target = dir.resolve(name);
        DurableFiles.writeAtomically(target, pem.getBytes(StandardCharsets.US_ASCII));
        written.add(target);
    }

    private ProvisioningException invalid(String what, Exception cause) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, "the embedded CA in " + dir + " is damaged: " + what,
                cause == null ? null : cause.toString(), cause);
    }
}
