package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The embedded CA's records in its directory: {@code issued.log}, {@code revoked.log} and {@code crlnumber},
 * read and changed only under the directory lock, and brought up to date with what other CA objects or
 * processes appended each time the lock is taken.
 */
final class CaRecords {

    private final CaDirectoryLock lock;
    private final IssuedCertificateLog issued;
    private final RevocationLog revoked;
    private final CrlNumber crlNumber;

    /** Records for {@code caDir}, the CA certificates' serials reserved; nothing is read yet. */
    CaRecords(Path caDir, List<X509Certificate> caCertificates) {
        this.lock = new CaDirectoryLock(caDir);
        this.issued = new IssuedCertificateLog(caDir);
        this.revoked = new RevocationLog(caDir);
        this.crlNumber = new CrlNumber(caDir);
        caCertificates.forEach(certificate -> issued.reserve(certificate.getSerialNumber()));
    }

    /** Reads the records now, so a damaged one stops the CA from opening rather than at its first use. */
    CaRecords load() throws ProvisioningException {
        locked(() -> null);
        return this;
    }

    /** Runs {@code action} under the directory lock, on records that are up to date. */
    <T> T locked(CaDirectoryLock.Action<T> action) throws ProvisioningException {
        return lock.run(() -> {
            issued.catchUp();
            revoked.catchUp();
            return action.run();
        });
    }

    IssuedCertificateLog issued() {
        return issued;
    }

    RevocationLog revoked() {
        return revoked;
    }

    CrlNumber crlNumber() {
        return crlNumber;
    }
}
