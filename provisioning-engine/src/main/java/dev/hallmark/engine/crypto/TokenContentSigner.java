package dev.hallmark.engine.crypto;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceSigner;
import dev.hallmark.engine.port.KeyHandle;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A Bouncy Castle {@link ContentSigner} whose signature is made inside the token by a {@link DeviceKeyStore}.
 * Bouncy Castle's interface cannot throw checked exceptions, so a token failure travels as
 * {@link TokenSigningFailure} and is unwrapped by {@link #unwrap}.
 */
public final class TokenContentSigner implements ContentSigner {

    private final DeviceSigner signer;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public TokenContentSigner(DeviceKeyStore keys, KeyHandle key) {
        this(key.spec(), data -> keys.sign(key, data));
    }

    /** A signer for a key of {@code spec} reached through {@code signer}. */
    public TokenContentSigner(KeySpec spec, DeviceSigner signer) {
        this.signer = signer;
        this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(spec.signatureAlgorithm());
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        try {
            return signer.sign(buffer.toByteArray());
        } catch (ProvisioningException e) {
            throw new TokenSigningFailure(e);
        } finally {
            buffer.reset();
        }
    }

    /** Returns the token's exception if {@code e} carries one, else rethrows {@code e}. */
    public static ProvisioningException unwrap(RuntimeException e) {
        if (e instanceof TokenSigningFailure failure) {
            return failure.reason();
        }
        throw e;
    }

    /** Carries a token failure through Bouncy Castle's unchecked signing interface. */
    public static final class TokenSigningFailure extends RuntimeException {
        private final ProvisioningException reason;

        TokenSigningFailure(ProvisioningException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }

        public ProvisioningException reason() {
            return reason;
        }
    }
}
