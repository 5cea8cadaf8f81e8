package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the embedded CA's {@code issued.log} and {@code revoked.log} from outside the CA, for the auditor's check of
 * what the CA issued against what the units record (decision 0018). Read-only; takes no CA lock (both logs are
 * append-only, a line being appended is at worst not seen yet).
 */
public final class IssuedLogReader {

    /**
     * One issued certificate.
     *
     * @param serialHex upper-case hex, as OpenSSL prints serials
     * @param sha256    SHA-256 of the DER encoding, lower-case hex
     * @param subject   the subject
     * @param revoked   whether {@code revoked.log} names its serial
     */
    public record Issued(String serialHex, String sha256, String subject, boolean revoked) {
    }

    private IssuedLogReader() {
    }

    /** The certificates in {@code caDir/issued.log}, oldest first; empty when the CA has no issued log. */
    public static List<Issued> read(Path caDir) throws ProvisioningException {
        Path issued = caDir.resolve(IssuedCertificateLog.FILE);
        if (!Files.exists(issued)) {
            return List.of();
        }
        Set<BigInteger> revoked = new HashSet<>();
        Path revocations = caDir.resolve(RevocationLog.FILE);
        try {
            if (Files.exists(revocations)) {
                for (String line : lines(revocations)) {
                    revoked.add(Revocation.parse(line).serial());
                }
            }
            List<Issued> out = new ArrayList<>();
            for (String line : lines(issued)) {
                IssuedRecord r = IssuedRecord.parse(line);
                out.add(new Issued(IssuedRecord.serialHex(r.serial()), r.sha256(), r.subject(),
                        revoked.contains(r.serial())));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA logs in " + caDir + " cannot be read: a"
                    + " line is not in the CA's format", e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) throws ProvisioningException {
        try {
            List<String> records = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    records.add(line);
                }
            }
            return records;
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA log " + file + " cannot be read",
                    e.getMessage(), e);
        }
    }
}
