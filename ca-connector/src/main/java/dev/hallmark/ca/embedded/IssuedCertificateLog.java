package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ProvisioningException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.hallmark.engine.port.GroupFlush;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code issued.log}: every certificate the issuing CA has handed out, recorded before it leaves the CA.
 * Keeps the used serials in memory so a new serial is never one already used, also after a restart;
 * full records are looked up in the file, which only revocation needs.
 */
final class IssuedCertificateLog {

    static final String FILE = "issued.log";
    static final String HEADER = "hallmark embedded CA, issued certificates:"
            + " issued-at, serial (hex), sha256 (DER), not-after, subject[, request csr-sha256, certificate (base64 DER)];"
            + " tab-separated";

    private final SerialFingerprints serials = new SerialFingerprints();
    private final AppendOnlyLog log;
    /** Concurrent issues share one fsync of the log (group commit); each waits for it before its certificate leaves. */
    private final GroupFlush flush;

    IssuedCertificateLog(Path caDir) {
        this.log = new AppendOnlyLog(caDir.resolve(FILE), HEADER, line -> serials.add(IssuedRecord.parse(line).serial()));
        this.flush = new GroupFlush(log::force);
    }

    /** Reads the records others appended since the last call. */
    void catchUp() throws ProvisioningException {
        log.catchUp();
    }

    /** Marks a serial as used without a record, such as the CA certificates' own. */
    void reserve(BigInteger serial) {
        serials.add(serial);
    }

    /** Whether the serial may be in use; false means certainly free. */
    boolean used(BigInteger serial) {
        return serials.mightContain(serial);
    }

    /** Records a certificate as issued at {@code issuedAt}; returns once the record is on disk. */
    void record(X509Certificate certificate, Instant issuedAt) throws ProvisioningException {
        log.append(IssuedRecord.of(certificate, issuedAt).toLine());
    }

    /**
     * Writes the record of a certificate issued for the request with this CSR SHA-256, with the certificate, under the
     * CA lock; it is on disk only after {@link #sync()}, which the caller awaits outside the lock before the
     * certificate leaves the CA.
     */
    void write(X509Certificate certificate, Instant issuedAt, String csrSha256) throws ProvisioningException {
        log.append(IssuedRecord.of(certificate, issuedAt, csrSha256).toLine(), false);
    }

    /** Returns once every record written so far is on disk; concurrent callers share one fsync. */
    void sync() throws ProvisioningException {
        flush.flush();
    }

    /** The log's fsyncs and the requests for them, for the benchmarks. */
    GroupFlush flushes() {
        return flush;
    }

    /** The certificates issued for the request with this CSR SHA-256, oldest first (records that name it). */
    List<X509Certificate> issuedFor(String csrSha256) throws ProvisioningException {
        List<X509Certificate> found = new ArrayList<>();
        log.scan(line -> {
            IssuedRecord record = IssuedRecord.parse(line);
            if (csrSha256.equals(record.request()) && record.certificateBase64() != null) {
                found.add(record.certificate());
            }
        });
        return found;
    }

    /** The record of the certificate with this serial, if the CA issued one. */
    Optional<IssuedRecord> find(BigInteger serial) throws ProvisioningException {
        if (!serials.mightContain(serial)) {
            return Optional.empty();
        }
        AtomicReference<IssuedRecord> found = new AtomicReference<>();
        log.scan(line -> {
            IssuedRecord record = IssuedRecord.parse(line);
            if (found.get() == null && record.serial().equals(serial)) {
                found.set(record);
            }
        });
        return Optional.ofNullable(found.get());
    }

    int size() {
        return serials.size();
    }
}
