package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PollRepContent;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;

/**
 * Reads the CA's answer to an enrolment or a pollReq (ip/cp, pollRep or error) into an {@link Outcome}, and
 * checks the answer to certConf (pkiConf or error). Refusals and error messages become the mapped exception.
 */
final class CertResponseReader {

    /** CertReqId of a p10cr in RFC 9483; RFC 4210 servers (OpenSSL 3.0) answer 0. */
    static final BigInteger P10CR_REQUEST_ID = BigInteger.ONE.negate();

    private CertResponseReader() {
    }

    /** What an enrolment reply says. */
    sealed interface Outcome permits Issued, Waiting {
    }

    /** Granted: the certificate, and the certificates the CA sent along (caPubs, then extraCerts). */
    record Issued(X509CertificateHolder certificate, BigInteger certReqId, boolean withMods,
                  List<X509CertificateHolder> sentAlong) implements Outcome {
    }

    /** The CA is still working on it: poll for {@code certReqId} after {@code checkAfter}. */
    record Waiting(BigInteger certReqId, Duration checkAfter, String reason) implements Outcome {
    }

    /** Reads an ip/cp (answer to the request or to a pollReq), a pollRep or an error. */
    static Outcome enrolment(ProtectedPKIMessage reply, RequestType type) throws ProvisioningException {
        PKIBody body = reply.getBody();
        if (body.getType() == PKIBody.TYPE_ERROR) {
            throw CmpFailures.error(body);
        }
        try {
            if (body.getType() == PKIBody.TYPE_POLL_REP) {
                return pollRep(PollRepContent.getInstance(body.getContent()), type);
            }
            if (body.getType() != type.responseBody()) {
                throw unexpected(body, CmpFailures.bodyName(type.responseBody()));
            }
            return certRep(CertRepMessage.getInstance(body.getContent()), type, reply);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's reply is malformed",
                    CmpFailures.bodyName(body.getType()) + ": " + e.getMessage(), e);
        }
    }

    /** Requires pkiConf as the answer to certConf. */
    static void confirmation(ProtectedPKIMessage reply) throws ProvisioningException {
        PKIBody body = reply.getBody();
        if (body.getType() == PKIBody.TYPE_ERROR) {
            throw CmpFailures.error(body);
        }
        if (body.getType() != PKIBody.TYPE_CONFIRM) {
            throw unexpected(body, "pkiconf");
        }
    }

    private static Outcome certRep(CertRepMessage message, RequestType type, ProtectedPKIMessage reply)
            throws ProvisioningException {
        CertResponse[] responses = message.getResponse();
        if (responses.length != 1) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA answered with "
                    + responses.length + " certificate responses instead of one", null, null);
        }
        CertResponse response = responses[0];
        BigInteger id = response.getCertReqId().getValue();
        checkRequestId(id, type);
        int status = response.getStatus().getStatus().intValueExact();
        if (status == PKIStatus.REJECTION) {
            throw CmpFailures.refused(response.getStatus(), CmpFailures.bodyName(type.responseBody()));
        }
        if (status == PKIStatus.WAITING) {
            return new Waiting(id, Duration.ZERO, CmpFailures.describe(response.getStatus()));
        }
        if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA answered the request with an "
                    + "unexpected status", CmpFailures.describe(response.getStatus()), null);
        }
        if (response.getCertifiedKeyPair() == null) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA granted the request but sent no "
                    + "certificate", CmpFailures.describe(response.getStatus()), null);
        }
        CertOrEncCert certOrEnc = response.getCertifiedKeyPair().getCertOrEncCert();
        if (certOrEnc.hasEncryptedCertificate() || certOrEnc.getCertificate() == null
                || !certOrEnc.getCertificate().isX509v3PKCert()) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA sent the certificate encrypted or "
                    + "in another form than X.509", null, null);
        }
        List<X509CertificateHolder> along = new ArrayList<>();
        CMPCertificate[] caPubs = message.getCaPubs();
        if (caPubs != null) {
            for (CMPCertificate c : caPubs) {
                if (c.isX509v3PKCert()) {
                    along.add(new X509CertificateHolder(c.getX509v3PKCert()));
                }
            }
        }
        along.addAll(List.of(reply.getCertificates()));
        return new Issued(new X509CertificateHolder(certOrEnc.getCertificate().getX509v3PKCert()), id,
                status == PKIStatus.GRANTED_WITH_MODS, List.copyOf(along));
    }

    private static Outcome pollRep(PollRepContent content, RequestType type) throws ProvisioningException {
        if (content.size() != 1) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's pollRep names "
                    + content.size() + " requests instead of one", null, null);
        }
        BigInteger id = content.getCertReqId(0).getValue();
        checkRequestId(id, type);
        long seconds = content.getCheckAfter(0).longValueExact();
        if (seconds < 0) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's pollRep has a negative "
                    + "checkAfter", Long.toString(seconds), null);
        }
        String reason = content.getReason(0) == null ? "" : content.getReason(0).getStringAtUTF8(0).getString();
        return new Waiting(id, Duration.ofSeconds(seconds), reason);
    }

    private static void checkRequestId(BigInteger id, RequestType type) throws ProvisioningException {
        boolean expected = type.crmf() ? id.equals(RequestBodies.CRMF_REQUEST_ID)
                : id.equals(P10CR_REQUEST_ID) || id.signum() == 0;
        if (!expected) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA answered for another request",
                    "certReqId " + id, null);
        }
    }

    private static ProvisioningException unexpected(PKIBody body, String expected) {
        return new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA answered with "
                + CmpFailures.bodyName(body.getType()) + " instead of " + expected, CmpFailures.describe(body), null);
    }
}
