package dev.hallmark.hsm.keystore;

import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * What a token can do, read once when it is opened: its mechanisms, and the known quirks of its module.
 * tpm2-pkcs11 (1.9, through tpm2-abrmd) keeps no session objects, refuses key pair templates with
 * CKA_ENCRYPT/CKA_DECRYPT false (a TPM signing key is also a decryption key to it), and must not be used from two
 * sessions at once: swtpm went into failure mode ("EntityGetAuthValue") when two threads signed in parallel.
 *
 * @param mechanisms               the mechanism codes the token lists
 * @param sessionObjects           whether the token can hold session (CKA_TOKEN false) key pairs
 * @param acceptsUsageRestrictions whether templates may set CKA_ENCRYPT/CKA_DECRYPT false
 * @param concurrentSessions       whether several sessions may work at the same time
 */
record TokenTraits(Set<Long> mechanisms, boolean sessionObjects, boolean acceptsUsageRestrictions,
        boolean concurrentSessions) {

    private static final Logger LOG = LoggerFactory.getLogger(TokenTraits.class);
    static final String TPM2_PKCS11_MANUFACTURER = "tpm2-software.github.io";

    TokenTraits {
        mechanisms = Set.copyOf(mechanisms);
    }

    static TokenTraits of(Token token) {
        Set<Long> mechanisms = new HashSet<>();
        for (long mechanism : token.getMechanismList()) {
            mechanisms.add(mechanism);
        }
        boolean tpm2 = TPM2_PKCS11_MANUFACTURER.equals(manufacturer(token.getSlot().getModule()));
        return new TokenTraits(mechanisms, !tpm2, !tpm2, !tpm2);
    }

    private static String manufacturer(PKCS11Module module) {
        try {
            return module.getInfo().getManufacturerID().trim();
        } catch (TokenException e) {
            LOG.warn("C_GetInfo failed: {}", e instanceof org.xipki.pkcs11.wrapper.PKCS11Exception p11
                    ? Pkcs11Errors.ckrName(p11.getErrorCode()) : e.getMessage());
            return "";
        }
    }

    boolean has(long mechanism) {
        return mechanisms.contains(mechanism);
    }
}
