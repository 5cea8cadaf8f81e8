package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the issuing CA's CRL (X.509 v2): issuer and AKI of the issuing CA, CRL number, thisUpdate and
 * nextUpdate, one entry per revocation with its revocation date and reasonCode, signed in the token.
 * RFC 5280 section 5.3.1 wants no reasonCode rather than unspecified (0), so such entries carry none.
 */
final class CrlFactory {

    private static final Logger log = LoggerFactory.getLogger(CrlFactory.class);

    private final CertificateSigning signing;

    CrlFactory(CertificateSigning signing) {
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    X509CRL sign(X509Certificate issuing, KeyHandle issuingKey, List<Revocation> revocations, BigInteger number,
                 Instant thisUpdate, Duration validity) throws ProvisioningException {
        X500Name issuer = X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(validity)));
        for (Revocation revocation : revocations) {
            builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), revocation.reasonCode());
        }
        CertificateSigning.addExtension(builder, Extension.authorityKeyIdentifier, false, signing.authorityKeyId(issuing));
        CertificateSigning.addExtension(builder, Extension.cRLNumber, false, new CRLNumber(number));
        return signing.sign(builder, issuingKey);
    }

    /**
     * The CRL number of the CRL published at {@code crlFile}, if one is there and readable. An unreadable
     * file is about to be replaced, so it is only logged.
     */
    static Optional<BigInteger> publishedNumber(Path crlFile) {
        if (!Files.isRegularFile(crlFile)) {
            return Optional.empty();
        }
        try {
            X509CRLHolder crl = new X509CRLHolder(Files.readAllBytes(crlFile));
            Extension number = crl.getExtension(Extension.cRLNumber);
            return number == null ? Optional.empty()
                    : Optional.of(ASN1Integer.getInstance(number.getParsedValue()).getValue());
        } catch (IOException | IllegalArgumentException e) {
            log.warn("the published CRL {} cannot be read ({}); its number is not taken into account",
                    crlFile, e.toString());
            return Optional.empty();
        }
    }
}
