package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ProvisioningException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code revoked.log}: the revocations of the issuing CA, the first record of a serial being the one that counts. */
final class RevocationLog {

    static final String FILE = "revoked.log";
    static final String HEADER = "hallmark embedded CA, revoked certificates:"
            + " revoked-at, serial (hex), CRLReason code, reason; tab-separated";

    private final Map<BigInteger, Revocation> revocations = new LinkedHashMap<>();
    private final AppendOnlyLog log;

    RevocationLog(Path caDir) {
        this.log = new AppendOnlyLog(caDir.resolve(FILE), HEADER, line -> {
            Revocation revocation = Revocation.parse(line);
            revocations.putIfAbsent(revocation.serial(), revocation);
        });
    }

    /** Reads the records others appended since the last call. */
    void catchUp() throws ProvisioningException {
        log.catchUp();
    }

    Optional<Revocation> find(BigInteger serial) {
        return Optional.ofNullable(revocations.get(serial));
    }

    /** Records the revocation; returns once the record is on disk. */
    void record(Revocation revocation) throws ProvisioningException {
        log.append(revocation.toLine());
    }

    /** Every revocation, in the order recorded. */
    List<Revocation> all() {
        return new ArrayList<>(revocations.values());
    }
}
