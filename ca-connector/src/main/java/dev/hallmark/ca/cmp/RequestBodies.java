package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import java.math.BigInteger;
import java.security.Provider;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.CertStatus;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.PollReqContent;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.CertificateConfirmationContentBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.CertificateReqMessagesBuilder;
import org.bouncycastle.cert.crmf.CertificateRequestMessageBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Builds the bodies of the requests a {@link CmpIssuer} sends: ir/cr/p10cr, pollReq and certConf. */
final class RequestBodies {

    /** The certReqId of the one CRMF request in an ir or cr. */
    static final BigInteger CRMF_REQUEST_ID = BigInteger.ZERO;

    private final Provider provider;

    RequestBodies(Provider provider) {
        this.provider = provider;
    }

    /** p10cr: the CSR as it is; its own signature by the device key proves possession. */
    PKIBody p10cr(PKCS10CertificationRequest csr) {
        return new PKIBody(PKIBody.TYPE_P10_CERT_REQ, csr.toASN1Structure());
    }

    /**
     * ir or cr: a CRMF CertReqMsg with the CSR's subject, public key and requested extensions, and a proof of
     * possession: a signature over the CertRequest by {@code popSigner}, or raVerified when it is null.
     */
    PKIBody crmf(RequestType type, PKCS10CertificationRequest csr, ContentSigner popSigner)
            throws ProvisioningException {
        CertificateRequestMessageBuilder request = new CertificateRequestMessageBuilder(CRMF_REQUEST_ID)
                .setSubject(csr.getSubject())
                .setPublicKey(csr.getSubjectPublicKeyInfo());
        Extensions requested = requestedExtensions(csr);
        if (requested != null) {
            for (var oid : requested.getExtensionOIDs()) {
                Extension extension = requested.getExtension(oid);
                request.addExtension(oid, extension.isCritical(), extension.getExtnValue().getOctets());
            }
        }
        if (popSigner == null) {
            request.setProofOfPossessionRaVerified();
        } else {
            request.setProofOfPossessionSigningKeySigner(popSigner);
        }
        try {
            CertificateReqMessagesBuilder messages = new CertificateReqMessagesBuilder();
            messages.addRequest(request.build());
            return new PKIBody(type.requestBody(), messages.build().toASN1Structure());
        } catch (TokenContentSigner.TokenSigningFailure e) {
            throw TokenContentSigner.unwrap(e);
        } catch (CRMFException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the CRMF request could not be built",
                    e.getMessage(), e);
        }
    }

    /** pollReq for the waiting request. */
    PKIBody pollReq(BigInteger certReqId) {
        return new PKIBody(PKIBody.TYPE_POLL_REQ, new PollReqContent(certReqId));
    }

    /** certConf accepting the certificate. */
    PKIBody accept(X509CertificateHolder certificate, BigInteger certReqId) throws ProvisioningException {
        return new PKIBody(PKIBody.TYPE_CERT_CONFIRM, confirm(acceptedStatus(certificate, certReqId)));
    }

    /** certConf rejecting the certificate (RFC 4210 5.3.18), with the reason as statusString. */
    PKIBody reject(X509CertificateHolder certificate, BigInteger certReqId, String reason)
            throws ProvisioningException {
        CertStatus accepted = acceptedStatus(certificate, certReqId);
        CertStatus rejected = new CertStatus(accepted.getCertHash().getOctets(), certReqId,
                new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(reason),
                        new PKIFailureInfo(PKIFailureInfo.badCertTemplate)));
        return new PKIBody(PKIBody.TYPE_CERT_CONFIRM, confirm(rejected));
    }

    private CertStatus acceptedStatus(X509CertificateHolder certificate, BigInteger certReqId)
            throws ProvisioningException {
        try {
            return new CertificateConfirmationContentBuilder()
                    .addAcceptedCertificate(certificate, certReqId)
                    .build(new JcaDigestCalculatorProviderBuilder().setProvider(provider).build())
                    .toASN1Structure().toCertStatusArray()[0];
        } catch (CMPException | OperatorCreationException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate confirmation could not be built",
                    e.getMessage(), e);
        }
    }

    private static CertConfirmContent confirm(CertStatus status) {
        return CertConfirmContent.getInstance(new DERSequence(status));
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            if (attribute.getAttrValues().size() > 0) {
                return Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
            }
        }
        return null;
    }
}
