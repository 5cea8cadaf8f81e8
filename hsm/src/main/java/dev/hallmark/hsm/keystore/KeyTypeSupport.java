package dev.hallmark.hsm.keystore;

import dev.hallmark.engine.api.KeySpec;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * What the key store needs to know about one {@link KeySpec}: how the token generates it, how its public half
 * is read back, and how it signs. A new spec is one more implementation listed in {@link #ALL}.
 */
interface KeyTypeSupport {

    /** Every supported spec; the key store looks specs up here. */
    List<KeyTypeSupport> ALL = List.of(EcKeySupport.P256, EcKeySupport.P384, EdKeySupport.ED25519,
            RsaKeySupport.RSA_2048, RsaKeySupport.RSA_3072);

    static KeyTypeSupport forSpec(KeySpec spec) {
        for (KeyTypeSupport support : ALL) {
            if (support.spec() == spec) {
                return support;
            }
        }
        throw new IllegalArgumentException("no PKCS#11 support for key spec " + spec);
    }

    KeySpec spec();

    /** How people name the key type: "EC P-256", "Ed25519", "RSA-2048". */
    String displayName();

    /** CKA_KEY_TYPE of both halves. */
    long keyType();

    /** The key pair generation mechanism (CKM_*); the token must list it. */
    long generationMechanism();

    /** The mechanisms of which the token must list at least one to sign with this type. */
    long[] signingMechanisms();

    /** Adds the domain parameters (curve, modulus size and exponent) to the public key template. */
    void addDomainParameters(AttributeVector publicKeyTemplate);

    /** The public key attributes {@link #matches} and {@link #publicKey} read. */
    long[] publicAttributeTypes();

    /** Whether a public key object with these attributes is of this spec. */
    boolean matches(AttributeVector publicAttributes);

    /** The JCA public key from the token's public key attributes. */
    PublicKey publicKey(AttributeVector publicAttributes) throws GeneralSecurityException;

    /** Signs {@code data} with the token's private key, returning the JCA encoding of the spec's algorithm. */
    byte[] sign(Session session, long privateKey, byte[] data, TokenTraits traits) throws TokenException;
}
