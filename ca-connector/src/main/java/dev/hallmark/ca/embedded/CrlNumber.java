package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code crlnumber}: the number of the last CRL the CA signed, in decimal. A number is reserved (written,
 * atomically and durably) before the CRL carrying it is signed, so numbers only ever grow; a CRL that
 * fails to be signed leaves a gap, which RFC 5280 allows.
 */
final class CrlNumber {

    static final String FILE = "crlnumber";

    private final Path path;

    CrlNumber(Path caDir) {
        this.path = caDir.resolve(FILE);
    }

    /** The last number reserved, zero before the first CRL. */
    BigInteger last() throws ProvisioningException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return BigInteger.ZERO;
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot read the CRL number " + path,
                    e.toString(), e);
        }
        if (!text.matches("[0-9]{1,48}")) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CRL number " + path + " is damaged: '"
                    + text + "' is not a decimal number; write the number of the last CRL published into it");
        }
        return new BigInteger(text);
    }

    /** Reserves the next number, above the last one reserved and above {@code floor}. */
    BigInteger next(BigInteger floor) throws ProvisioningException {
        BigInteger next = last().max(floor).add(BigInteger.ONE);
        try {
            DurableFiles.writeAtomically(path, (next + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot write the CRL number " + path,
                    e.toString(), e);
        }
        return next;
    }
}
