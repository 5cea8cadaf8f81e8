package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/** PEM files of CA certificates: the cfssl CA's chain (issuing first, root last) and a pinned TLS anchor. */
final class CaChainFile {

    private CaChainFile() {
    }

    /** Reads a chain and checks its order: each certificate a CA signed by the next, the last self-signed. */
    static List<X509Certificate> readChain(Path file) throws ProvisioningException {
        List<X509Certificate> chain = readCertificates(file, "CA chain");
        try {
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate cert = chain.get(i);
                X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : cert;
                if (cert.getBasicConstraints() < 0 || !cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    throw misordered(file);
                }
                cert.verify(issuer.getPublicKey());
            }
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA chain file " + file
                    + " must list CA certificates, issuing CA first, each signed by the next, the root last",
                    e.getMessage(), e);
        }
        return List.copyOf(chain);
    }

    /** Reads one or more PEM certificates. */
    static List<X509Certificate> readCertificates(Path file, String what) throws ProvisioningException {
        try {
            List<X509Certificate> certs = Pem.parseCertificates(Files.readAllBytes(file));
            if (certs.isEmpty()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the " + what + " file " + file + " holds no certificate");
            }
            return certs;
        } catch (NoSuchFileException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the " + what + " file " + file + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the " + what + " file " + file + " cannot be read as PEM certificates", e.getMessage(), e);
        }
    }

    private static ProvisioningException misordered(Path file) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA chain file " + file
                + " must list CA certificates, issuing CA first, each signed by the next, the root last");
    }
}
