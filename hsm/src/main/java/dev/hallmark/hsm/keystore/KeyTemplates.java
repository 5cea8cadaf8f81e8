package dev.hallmark.hsm.keystore;

import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.port.KeyPolicy;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Token;

/**
 * The exact key pair templates and generation mechanisms the key store uses on one token, for code that must
 * issue the same PKCS#11 calls without the key store (the benchmark's bare loop).
 */
public final class KeyTemplates {

    private final TokenTraits traits;

    private KeyTemplates(TokenTraits traits) {
        this.traits = traits;
    }

    /** The templates for this token (its mechanisms and module quirks are read once, here). */
    public static KeyTemplates forToken(Token token) {
        return new KeyTemplates(TokenTraits.of(token));
    }

    /** The template {@link Pkcs11DeviceKeyStore#generate} passes to C_GenerateKeyPair. */
    public KeyPairTemplate keyPair(KeySpec spec, byte[] id, String alias, KeyPolicy policy) {
        return KeyObjects.keyPair(KeyTypeSupport.forSpec(spec), id, alias, policy, traits);
    }

    /** Whether several sessions may work on the token at the same time (not so for tpm2-pkcs11). */
    public boolean concurrentSessions() {
        return traits.concurrentSessions();
    }

    /** The mechanism it generates the pair with. */
    public static Mechanism generation(KeySpec spec) {
        return new Mechanism(KeyTypeSupport.forSpec(spec).generationMechanism());
    }
}
