package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CMP transaction: a fixed transactionID, a fresh senderNonce per request, the CA's last senderNonce as
 * recipNonce. Each reply must parse, be protected, verify, and echo the transactionID and the request's nonce.
 * Once the CA has answered, a later transport failure means the CA holds the request: it is reported as
 * {@code CA_NO_ANSWER}, never as {@code CA_UNAVAILABLE}, so nobody retries blindly.
 */
final class CmpTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(CmpTransaction.class);
    private static final int NONCE_BYTES = 16;

    private final CmpTransport transport;
    private final MessageProtection protection;
    private final GeneralName sender;
    private final GeneralName recipient;
    private final Clock clock;
    private final SecureRandom random;
    private final byte[] transactionId = new byte[NONCE_BYTES];
    private byte[] recipNonce;
    private boolean answered;

    CmpTransaction(CmpTransport transport, MessageProtection protection, GeneralName sender, GeneralName recipient,
                   Clock clock, SecureRandom random) {
        this.transport = transport;
        this.protection = protection;
        this.sender = sender;
        this.recipient = recipient;
        this.clock = clock;
        this.random = random;
        random.nextBytes(transactionId);
    }

    /** The transactionID in hex, for logs. */
    String id() {
        return HexFormat.of().formatHex(transactionId);
    }

    /** Sends a protected request with this body and returns the checked reply. */
    ProtectedPKIMessage exchange(PKIBody body) throws ProvisioningException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(PKIHeader.CMP_2000, sender, recipient)
                .setTransactionID(transactionId)
                .setSenderNonce(nonce)
                .setMessageTime(Date.from(clock.instant()))
                .setBody(body);
        byte[] kid = protection.senderKid();
        if (kid != null) {
            builder.setSenderKID(kid);
        }
        if (recipNonce != null) {
            builder.setRecipNonce(recipNonce);
        }
        byte[] request = encode(protection.protect(builder));
        LOG.debug("CMP transaction {}: sending {}", id(), CmpFailures.bodyName(body.getType()));
        byte[] reply;
        try {
            reply = transport.post(request);
        } catch (ProvisioningException e) {
            if (answered && e.code() == ErrorCode.CA_UNAVAILABLE) {
                throw new ProvisioningException(ErrorCode.CA_NO_ANSWER, "the CA became unreachable during the "
                        + "transaction", e.rawDetail(), e);
            }
            throw e;
        }
        answered = true;
        ProtectedPKIMessage checked = check(reply, nonce);
        recipNonce = checked.getHeader().getSenderNonce().getOctets();
        LOG.debug("CMP transaction {}: received {}", id(), CmpFailures.describe(checked.getBody()));
        return checked;
    }

    private ProtectedPKIMessage check(byte[] der, byte[] nonce) throws ProvisioningException {
        GeneralPKIMessage message;
        try {
            message = new GeneralPKIMessage(der);
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's reply is not a CMP message",
                    e.getMessage(), e);
        }
        if (!message.hasProtection() || message.getHeader().getProtectionAlg() == null) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's reply is not protected",
                    "unprotected " + CmpFailures.describe(message.getBody()), null);
        }
        ProtectedPKIMessage reply = new ProtectedPKIMessage(message);
        protection.verify(reply);
        PKIHeader header = reply.getHeader();
        int pvno = header.getPvno().intValueExact();
        if (pvno != PKIHeader.CMP_2000 && pvno != PKIHeader.CMP_2021) {
            throw protocol("the CA's reply has an unsupported CMP version", "pvno " + pvno);
        }
        if (!same(header.getTransactionID(), transactionId)) {
            throw protocol("the CA's reply belongs to another transaction", "transactionID " + hex(
                    header.getTransactionID()) + " instead of " + id());
        }
        if (!same(header.getRecipNonce(), nonce)) {
            throw protocol("the CA's reply does not answer the station's request", "recipNonce "
                    + hex(header.getRecipNonce()) + " instead of " + HexFormat.of().formatHex(nonce));
        }
        if (header.getSenderNonce() == null || header.getSenderNonce().getOctets().length == 0) {
            throw protocol("the CA's reply lacks a senderNonce", CmpFailures.describe(reply.getBody()));
        }
        return reply;
    }

    private static byte[] encode(ProtectedPKIMessage message) throws ProvisioningException {
        try {
            return message.toASN1Structure().getEncoded();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the CMP request could not be encoded",
                    e.getMessage(), e);
        }
    }

    private static boolean same(ASN1OctetString value, byte[] expected) {
        return value != null && Arrays.equals(value.getOctets(), expected);
    }

    private static String hex(ASN1OctetString value) {
        return value == null ? "absent" : HexFormat.of().formatHex(value.getOctets());
    }

    private static ProvisioningException protocol(String message, String raw) {
        return new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, message, raw, null);
    }

}
