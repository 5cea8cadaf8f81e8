package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedLookup;
import dev.hallmark.engine.port.RevocationReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intent to issue (docs/decisions/0020): the ISSUE step's STARTED entry names the request (the SHA-256 of its
 * PKCS#10 encoding) and the unit's serial, and is on disk before the request leaves. After a stop between the CA's
 * answer and the station's record, resume asks the CA what it issued for that request and revokes what the station
 * never recorded; a CA that cannot say leaves the request named in the record for revocation at the CA.
 */
final class IssueIntent {

    private static final String PREFIX = "intent to issue: request csr-sha256 ";
    private static final Pattern REQUEST = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{64})");

    private IssueIntent() {
    }

    /** The STARTED detail of ISSUE for this request. */
    static String describe(IssueRequest request) {
        return PREFIX + csrSha256(request.csrDer()) + " for serial " + request.serial() + " (" + request.subject() + ")";
    }

    /** The request an ISSUE STARTED detail names, or null (an entry written before intents were recorded). */
    static String requestOf(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher m = REQUEST.matcher(detail);
        return m.lookingAt() ? m.group(1) : null;
    }

    static String csrSha256(byte[] csrDer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csrDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * Asks the CA what it issued for the request sent before the stop and revokes every certificate that is not
     * the unit's recorded one ({@code recordedSha256}, or null); returns the note for the KEYGEN entry. A
     * certificate that cannot be revoked stops the unit (HM-803): no second one is requested beside it.
     */
    static String reconcile(CertificateIssuer issuer, Revocations revocations, String fixtureId, String csrSha256,
                            String recordedSha256) throws ProvisioningException {
        if (!(issuer instanceof IssuedLookup lookup)) {
            return "; request csr-sha256 " + csrSha256 + " was sent before the stop and this CA cannot say what it"
                    + " issued for it: revoke at the CA any certificate issued for that request";
        }
        List<X509Certificate> issued = lookup.issuedFor(csrSha256);
        if (issued.isEmpty()) {
            return "; the CA issued nothing for request csr-sha256 " + csrSha256 + " sent before the stop";
        }
        StringBuilder note = new StringBuilder();
        for (X509Certificate certificate : issued) {
            String sha256 = Pem.sha256(certificate);
            if (sha256.equals(recordedSha256)) {
                note.append("; certificate ").append(sha256).append(" issued for request csr-sha256 ")
                        .append(csrSha256).append(" is the one recorded");
                continue;
            }
            Revocations.Fate fate = revocations.revoke(fixtureId, certificate, sha256, RevocationReason.SUPERSEDED);
            if (!fate.revoked()) {
                throw new ProvisioningException(ErrorCode.INTERRUPTED_REVOCATION_FAILED, "the CA issued certificate "
                        + sha256 + " for request csr-sha256 " + csrSha256 + " before the stop and the station never"
                        + " recorded it: " + fate.note());
            }
            note.append("; ").append(fate.note()).append(" (superseded): the CA issued it for request csr-sha256 ")
                    .append(csrSha256).append(" before the stop and the station never recorded it");
        }
        return note.toString();
    }
}
