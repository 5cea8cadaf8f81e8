package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.PollRepContent;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.iana.IANAObjectIdentifiers;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * An in-process CMP CA behind {@link CmpTransport}, built with Bouncy Castle: answers ir/cr/p10cr, pollReq and
 * certConf like OpenSSL's mock (PBM with HMAC-SHA1, 500 iterations), with knobs for every fault.
 */
final class FakeCmpCa implements CmpTransport {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private final SecureRandom random = new SecureRandom();

    final List<ProtectedPKIMessage> requests = new ArrayList<>();
    X509Certificate certificate;
    List<X509Certificate> caPubs = List.of();
    List<X509Certificate> extraCerts = List.of();
    char[] replySecret;
    char[] requestSecret;
    int waitingPolls;
    long checkAfter;
    PKIStatusInfo refusal;
    PKIStatusInfo error;
    boolean unprotected;
    boolean answerCertConfWithIp;
    byte[] rawReply;
    ProvisioningException failOnCertConf;
    Consumer<ProtectedPKIMessageBuilder> headerTweak = b -> { };

    FakeCmpCa(String secret, X509Certificate certificate) {
        this.replySecret = secret.toCharArray();
        this.requestSecret = secret.toCharArray();
        this.certificate = certificate;
    }

    @Override
    public byte[] post(byte[] der) throws ProvisioningException {
        ProtectedPKIMessage request;
        try {
            request = new ProtectedPKIMessage(new GeneralPKIMessage(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests.add(request);
        if (rawReply != null) {
            return rawReply;
        }
        int type = request.getBody().getType();
        if (type == PKIBody.TYPE_CERT_CONFIRM && failOnCertConf != null) {
            throw failOnCertConf;
        }
        return encode(request, reply(request, type));
    }

    private PKIBody reply(ProtectedPKIMessage request, int type) {
        if (error != null) {
            return new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(error, new ASN1Integer(7), null));
        }
        switch (type) {
            case PKIBody.TYPE_INIT_REQ:
            case PKIBody.TYPE_CERT_REQ:
            case PKIBody.TYPE_P10_CERT_REQ: {
                int reply = type == PKIBody.TYPE_INIT_REQ ? PKIBody.TYPE_INIT_REP : PKIBody.TYPE_CERT_REP;
                BigInteger id = type == PKIBody.TYPE_P10_CERT_REQ ? BigInteger.ONE.negate() : BigInteger.ZERO;
                if (refusal != null) {
                    return certRep(reply, id, refusal, null);
                }
                if (waitingPolls > 0) {
                    return certRep(reply, id, new PKIStatusInfo(PKIStatus.waiting), null);
                }
                return certRep(reply, id, new PKIStatusInfo(PKIStatus.granted), certificate);
            }
            case PKIBody.TYPE_POLL_REQ: {
                BigInteger id = org.bouncycastle.asn1.cmp.PollReqContent.getInstance(request.getBody().getContent())
                        .getCertReqIdValues()[0];
                if (--waitingPolls > 0) {
                    return new PKIBody(PKIBody.TYPE_POLL_REP, new PollRepContent(new ASN1Integer(id),
                            new ASN1Integer(checkAfter)));
                }
                int reply = requests.get(0).getBody().getType() == PKIBody.TYPE_INIT_REQ ? PKIBody.TYPE_INIT_REP
                        : PKIBody.TYPE_CERT_REP;
                return certRep(reply, id, new PKIStatusInfo(PKIStatus.granted), certificate);
            }
            case PKIBody.TYPE_CERT_CONFIRM:
                if (answerCertConfWithIp) {
                    return certRep(PKIBody.TYPE_INIT_REP, BigInteger.ZERO, new PKIStatusInfo(PKIStatus.granted),
                            certificate);
                }
                return new PKIBody(PKIBody.TYPE_CONFIRM, org.bouncycastle.asn1.DERNull.INSTANCE);
            default:
                throw new IllegalStateException("unexpected request body " + type);
        }
    }

    private PKIBody certRep(int type, BigInteger id, PKIStatusInfo status, X509Certificate cert) {
        CertifiedKeyPair pair = cert == null ? null : new CertifiedKeyPair(new CertOrEncCert(cmp(cert)));
        CMPCertificate[] pubs = caPubs.isEmpty() ? null : caPubs.stream().map(FakeCmpCa::cmp)
                .toArray(CMPCertificate[]::new);
        return new PKIBody(type, new CertRepMessage(pubs, new CertResponse[] {
            new CertResponse(new ASN1Integer(id), status, pair, null)}));
    }

    private byte[] encode(ProtectedPKIMessage request, PKIBody body) {
        PKIHeader in = request.getHeader();
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(PKIHeader.CMP_2000,
                new GeneralName(new X500Name("CN=fake")), in.getSender())
                .setTransactionID(in.getTransactionID().getOctets())
                .setSenderNonce(nonce)
                .setRecipNonce(in.getSenderNonce().getOctets())
                .setSenderKID("fake".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .setBody(body);
        headerTweak.accept(builder);
        try {
            for (X509Certificate c : extraCerts) {
                builder.addCMPCertificate(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(c));
            }
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            PKIMessage built = builder.build(new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC))
                    .setParameters(new PBMParameter(salt, new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), 500,
                            new AlgorithmIdentifier(IANAObjectIdentifiers.hmacSHA1)))
                    .build(replySecret)).toASN1Structure();
            PKIMessage out = unprotected ? new PKIMessage(built.getHeader(), built.getBody(), null, built.getExtraCerts())
                    : built;
            return out.getEncoded();
        } catch (IOException | CMPException | CRMFException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a request's PBM verifies with the secret the CA expects. */
    boolean verifies(ProtectedPKIMessage request) {
        try {
            return request.verify(new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC)), requestSecret);
        } catch (CMPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CMPCertificate cmp(X509Certificate cert) {
        try {
            return CMPCertificate.getInstance(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
