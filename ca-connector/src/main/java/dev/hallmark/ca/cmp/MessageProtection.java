package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ProvisioningException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;

/** One way of protecting CMP requests and verifying the protection of replies. */
interface MessageProtection {

    /** The header's sender for a request about {@code subject}. */
    GeneralName sender(X500Name subject);

    /** The header's senderKID, or null. */
    byte[] senderKid();

    /** Adds what the protection needs (extraCerts) and builds the protected message. */
    ProtectedPKIMessage protect(ProtectedPKIMessageBuilder builder) throws ProvisioningException;

    /** Throws unless the reply's protection verifies. */
    void verify(ProtectedPKIMessage reply) throws ProvisioningException;
}
