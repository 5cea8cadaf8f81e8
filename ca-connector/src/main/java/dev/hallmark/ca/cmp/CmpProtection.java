package dev.hallmark.ca.cmp;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** How a {@link CmpIssuer} protects its requests and which protection it accepts on replies. */
public sealed interface CmpProtection permits CmpProtection.Mac, CmpProtection.Signature {

    /**
     * MAC-based protection with a shared secret (PBM, RFC 4210 5.1.3.1); replies must carry a PBM that verifies
     * with the same secret.
     *
     * @param secretFile a file readable by its owner only (0600 or 0400) holding the secret; never logged
     * @param reference  the senderKID: the reference under which the CA knows the secret
     */
    record Mac(Path secretFile, String reference) implements CmpProtection {
        public Mac {
            Objects.requireNonNull(secretFile, "secretFile");
            Objects.requireNonNull(reference, "reference");
            if (reference.isEmpty()) {
                throw new IllegalArgumentException("the CMP reference (senderKID) must not be empty");
            }
        }
    }

    /**
     * Signature-based protection with the station's CMP key; replies must be signed by a certificate that
     * validates (PKIX, intermediates from extraCerts) to one of {@code responseTrust}.
     */
    record Signature(CmpSigner signer, List<X509Certificate> responseTrust) implements CmpProtection {
        public Signature {
            Objects.requireNonNull(signer, "signer");
            responseTrust = List.copyOf(responseTrust);
            if (responseTrust.isEmpty()) {
                throw new IllegalArgumentException("signature protection needs at least one trust anchor for replies");
            }
        }
    }
}
