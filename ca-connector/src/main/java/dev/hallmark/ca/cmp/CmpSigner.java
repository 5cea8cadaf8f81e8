package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ProvisioningException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * The station's CMP protection key for signature-based protection: a certificate the CA trusts and a signer
 * for its private key. A token key plugs in through {@link dev.hallmark.engine.crypto.TokenContentSigner}.
 */
public interface CmpSigner {

    /** The CMP protection certificate; its subject is the message sender. */
    X509Certificate certificate();

    /** Intermediate certificates sent after the protection certificate in extraCerts; may be empty. */
    List<X509Certificate> chain();

    /** A fresh signer with the protection certificate's private key, for one message. */
    ContentSigner contentSigner() throws ProvisioningException;
}
