package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.crypto.TokenContentSigner;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature-based protection: requests are signed by the station's CMP key and carry its certificate first in
 * extraCerts; a reply must be signed by a certificate (chosen by senderKID, else the first of extraCerts) that
 * validates to one of the configured trust anchors at the clock's time.
 */
final class SignatureProtection implements MessageProtection {

    private final CmpSigner signer;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;
    private final Provider provider;
    private final X509CertificateHolder ownCertificate;
    private final List<X509CertificateHolder> ownChain;

    SignatureProtection(CmpSigner signer, List<X509Certificate> responseTrust, Clock clock, Provider provider)
            throws ProvisioningException {
        this.signer = signer;
        this.anchors = responseTrust.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        this.clock = clock;
        this.provider = provider;
        try {
            this.ownCertificate = new JcaX509CertificateHolder(signer.certificate());
            List<X509CertificateHolder> chain = new ArrayList<>();
            for (X509Certificate c : signer.chain()) {
                chain.add(new JcaX509CertificateHolder(c));
            }
            this.ownChain = List.copyOf(chain);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CMP protection certificate cannot be "
                    + "encoded", e.getMessage(), e);
        }
    }

    @Override
    public GeneralName sender(X500Name subject) {
        return new GeneralName(ownCertificate.getSubject());
    }

    @Override
    public byte[] senderKid() {
        return subjectKeyId(ownCertificate);
    }

    @Override
    public ProtectedPKIMessage protect(ProtectedPKIMessageBuilder builder) throws ProvisioningException {
        builder.addCMPCertificate(ownCertificate);
        ownChain.forEach(builder::addCMPCertificate);
        try {
            return builder.build(signer.contentSigner());
        } catch (TokenContentSigner.TokenSigningFailure e) {
            throw TokenContentSigner.unwrap(e);
        } catch (CMPException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the CMP request could not be signed",
                    e.getMessage(), e);
        }
    }

    @Override
    public void verify(ProtectedPKIMessage reply) throws ProvisioningException {
        if (reply.hasPasswordBasedMacProtection()) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA MAC-protected its reply but the "
                    + "station signs its requests", CmpFailures.describe(reply.getBody()), null);
        }
        List<X509Certificate> extraCerts = new ArrayList<>();
        try {
            for (X509CertificateHolder holder : reply.getCertificates()) {
                extraCerts.add(Pem.parseCertificate(holder.getEncoded()));
            }
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's reply carries a malformed "
                    + "certificate", e.getMessage(), e);
        }
        X509Certificate protectionCert = protectionCertificate(reply, extraCerts);
        validate(protectionCert, extraCerts, reply);
        try {
            if (!reply.verify(new JcaContentVerifierProviderBuilder().setProvider(provider).build(protectionCert))) {
                throw new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED, "the CA's reply signature does "
                        + "not verify", "bad signature on unverified " + CmpFailures.describe(reply.getBody()), null);
            }
        } catch (CMPException | OperatorCreationException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's reply signature cannot be "
                    + "checked", e.getMessage(), e);
        }
    }

    private X509Certificate protectionCertificate(ProtectedPKIMessage reply, List<X509Certificate> extraCerts)
            throws ProvisioningException {
        ASN1OctetString kid = reply.getHeader().getSenderKID();
        if (kid != null) {
            for (X509Certificate c : extraCerts) {
                byte[] ski = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
                if (ski != null && Arrays.equals(SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier(), kid.getOctets())) {
                    return c;
                }
            }
        }
        if (extraCerts.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA signed its reply without sending "
                    + "its certificate", CmpFailures.describe(reply.getBody()), null);
        }
        return extraCerts.get(0);
    }

    private void validate(X509Certificate cert, List<X509Certificate> extraCerts, ProtectedPKIMessage reply)
            throws ProvisioningException {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(extraCerts)));
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED, "the CA's reply is signed by a "
                    + "certificate the station does not trust", cert.getSubjectX500Principal().getName() + ": "
                    + e.getMessage() + "; unverified " + CmpFailures.describe(reply.getBody()), e);
        }
    }

    private static byte[] subjectKeyId(X509CertificateHolder cert) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(cert.getExtensions());
        return ski == null ? null : ski.getKeyIdentifier();
    }
}
