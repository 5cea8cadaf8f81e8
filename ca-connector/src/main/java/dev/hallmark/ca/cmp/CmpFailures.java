package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;

/** Names of PKIStatus, PKIFailureInfo bits and bodies, and the mapping of a refusal to an {@link ErrorCode}. */
final class CmpFailures {

    /** PKIFailureInfo bit names, RFC 4210 5.2.3, by bit number. */
    private static final String[] FAILURE_NAMES = {
        "badAlg", "badMessageCheck", "badRequest", "badTime", "badCertId", "badDataFormat", "wrongAuthority",
        "incorrectData", "missingTimeStamp", "badPOP", "certRevoked", "certConfirmed", "wrongIntegrity",
        "badRecipientNonce", "timeNotAvailable", "unacceptedPolicy", "unacceptedExtension", "addInfoNotAvailable",
        "badSenderNonce", "badCertTemplate", "signerNotTrusted", "transactionIdInUse", "unsupportedVersion",
        "notAuthorized", "systemUnavail", "systemFailure", "duplicateCertReq"
    };
    private static final String[] STATUS_NAMES = {
        "accepted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification",
        "keyUpdateWarning"
    };
    private static final String[] BODY_NAMES = {
        "ir", "ip", "cr", "cp", "p10cr", "popdecc", "popdecr", "kur", "kup", "krr", "krp", "rr", "rp", "ccr",
        "ccp", "ckuann", "cann", "rann", "crlann", "pkiconf", "nested", "genm", "genp", "error", "certConf",
        "pollReq", "pollRep"
    };
    /** Failures that say the CA did not accept the station's protection or authority. */
    private static final Set<Integer> AUTHENTICATION = Set.of(1, 12, 20, 23);
    private static final int SYSTEM_UNAVAILABLE = 24;

    private CmpFailures() {
    }

    /** The failure bit numbers set in a PKIFailureInfo. */
    static List<Integer> bits(ASN1BitString failInfo) {
        List<Integer> bits = new ArrayList<>();
        if (failInfo == null) {
            return bits;
        }
        byte[] bytes = failInfo.getBytes();
        for (int i = 0; i < bytes.length * 8 - failInfo.getPadBits(); i++) {
            if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0) {
                bits.add(i);
            }
        }
        return bits;
    }

    static String failureName(int bit) {
        return bit < FAILURE_NAMES.length ? FAILURE_NAMES[bit] : "bit" + bit;
    }

    static String bodyName(int type) {
        return type >= 0 && type < BODY_NAMES.length ? BODY_NAMES[type] : "body" + type;
    }

    static String statusName(BigInteger status) {
        int value = status.intValue();
        return status.bitLength() < 8 && value >= 0 && value < STATUS_NAMES.length ? STATUS_NAMES[value]
                : "status" + status;
    }

    /** {@code rejection; failInfo badPOP,badCertTemplate; "text"}. */
    static String describe(PKIStatusInfo info) {
        StringBuilder out = new StringBuilder(statusName(info.getStatus()));
        List<Integer> bits = bits(info.getFailInfo());
        if (!bits.isEmpty()) {
            out.append("; failInfo ");
            out.append(String.join(",", bits.stream().map(CmpFailures::failureName).toList()));
        }
        String text = text(info.getStatusString());
        if (!text.isEmpty()) {
            out.append("; \"").append(text).append('"');
        }
        return out.toString();
    }

    /** A short description of a body for logs and raw details: its name and any status it carries. */
    static String describe(PKIBody body) {
        String name = bodyName(body.getType());
        try {
            if (body.getType() == PKIBody.TYPE_ERROR) {
                ErrorMsgContent error = ErrorMsgContent.getInstance(body.getContent());
                StringBuilder out = new StringBuilder(name).append(" (").append(describe(error.getPKIStatusInfo()));
                if (error.getErrorCode() != null) {
                    out.append("; errorCode ").append(error.getErrorCode().getValue());
                }
                String details = text(error.getErrorDetails());
                if (!details.isEmpty()) {
                    out.append("; errorDetails \"").append(details).append('"');
                }
                return out.append(')').toString();
            }
            if (body.getType() == PKIBody.TYPE_INIT_REP || body.getType() == PKIBody.TYPE_CERT_REP) {
                CertResponse[] responses = CertRepMessage.getInstance(body.getContent()).getResponse();
                if (responses.length > 0) {
                    return name + " (" + describe(responses[0].getStatus()) + ")";
                }
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            return name + " (malformed)";
        }
        return name;
    }

    /**
     * The exception for a refusal: systemUnavail means the CA is not available (safe to retry); failures of
     * message protection or authority mean the station's credentials were refused; anything else is a rejection
     * of the request. The raw detail names the status and every failure bit.
     */
    static ProvisioningException refused(PKIStatusInfo info, String what) {
        List<Integer> bits = bits(info.getFailInfo());
        String raw = what + ": " + describe(info);
        if (bits.contains(SYSTEM_UNAVAILABLE)) {
            return new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "the CA says it is not available", raw, null);
        }
        if (bits.stream().anyMatch(AUTHENTICATION::contains)) {
            return new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED,
                    "the CA did not accept the station's message protection", raw, null);
        }
        String names = bits.isEmpty() ? "" : " (" + String.join(", ", bits.stream()
                .map(CmpFailures::failureName).toList()) + ")";
        return new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, "the CA rejected the request" + names,
                raw, null);
    }

    /** The exception for an error message body. */
    static ProvisioningException error(PKIBody body) {
        ErrorMsgContent error;
        try {
            error = ErrorMsgContent.getInstance(body.getContent());
        } catch (IllegalArgumentException e) {
            return new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA sent a malformed error message",
                    e.getMessage(), e);
        }
        ProvisioningException mapped = refused(error.getPKIStatusInfo(), "error");
        return new ProvisioningException(mapped.code(), mapped.getMessage(), describe(body), null);
    }

    private static String text(PKIFreeText text) {
        if (text == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            parts.add(text.getStringAtUTF8(i).getString());
        }
        return String.join(" / ", parts);
    }
}
