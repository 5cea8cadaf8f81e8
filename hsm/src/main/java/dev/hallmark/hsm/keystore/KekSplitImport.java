package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_XOR_BASE_AND_DATA;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SessionLease;
import dev.hallmark.hsm.pkcs11.SessionPool;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.params.KEY_DERIVATION_STRING_DATA;

/**
 * One split-knowledge import under way: components are added one at a time, each zeroed as soon as its KCVs are
 * known. Where the token lists CKM_XOR_BASE_AND_DATA they are combined inside it (session keys on one held session);
 * otherwise (SoftHSM2 2.6.1) in one accumulator array that is zeroed as soon as the KEK is in the token, and never
 * held as a String. Close it to drop whatever is left.
 */
public final class KekSplitImport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KekSplitImport.class);

    private final SessionPool pool;
    private final TokenTraits traits;
    private final boolean inToken;
    private SessionLease lease;
    private long partial = -1;
    private byte[] accumulator;
    private int added;

    KekSplitImport(SessionPool pool, TokenTraits traits) {
        this.pool = pool;
        this.traits = traits;
        this.inToken = traits.has(CKM_XOR_BASE_AND_DATA);
    }

    /** Whether the components are combined inside the token (else in one short-lived array in this JVM). */
    public boolean combinesInToken() {
        return inToken;
    }

    /** How many components were added so far. */
    public int components() {
        return added;
    }

    /** Adds one 32-byte component, zeroes it, and returns its KCVs {AES-ECB, AES-CMAC} (either null if unavailable). */
    public String[] add(byte[] component) throws ProvisioningException {
        try {
            if (component.length != TokenKek.LENGTH) {
                throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, "a component must be "
                        + TokenKek.LENGTH + " bytes (64 hex digits), not " + component.length);
            }
            String[] kcv = pool.call("compute a component's key check value", s -> {
                long copy = s.createObject(TokenKek.checkCopyTemplate().value(component));
                try {
                    return KeyCheckValues.of(s, copy, traits.mechanisms());
                } finally {
                    KeyObjects.destroyQuietly(s, copy);
                }
            });
            if (inToken) {
                addInToken(component);
            } else {
                if (accumulator == null) {
                    accumulator = new byte[TokenKek.LENGTH];
                }
                for (int i = 0; i < accumulator.length; i++) {
                    accumulator[i] ^= component[i];
                }
            }
            added++;
            return kcv;
        } finally {
            Arrays.fill(component, (byte) 0);
        }
    }

    private void addInToken(byte[] component) throws ProvisioningException {
        try {
            if (lease == null) {
                lease = pool.lease();
                partial = lease.session().createObject(partTemplate().value(component));
                return;
            }
            long next = lease.session().deriveKey(xor(component), partial, partTemplate().valueLen(TokenKek.LENGTH));
            KeyObjects.destroyQuietly(lease.session(), partial);
            partial = next;
        } catch (TokenException e) {
            throw Pkcs11Errors.map(e, "the KEK component", "combine in the token");
        }
    }

    /**
     * Stores the combined KEK as the production KEK with its facts (KCVs computed in the token from a session copy)
     * and returns them. KEK_ALREADY_PRESENT if the token holds one.
     */
    public KekFacts finish(String created, String by, String how) throws ProvisioningException {
        if (added < 2) {
            throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, "split knowledge needs at least two components");
        }
        try {
            return pool.call("store the combined transport KEK", s -> {
                if (TokenKek.find(s, KekOrigin.PRODUCTION).isPresent()) {
                    throw KekImports.alreadyPresent(pool.tokenLabel());
                }
                String[] kcv;
                if (inToken) {
                    // the held session is the one the partial key lives in
                    var held = lease.session();
                    Mechanism copyAll = xor(new byte[TokenKek.LENGTH]);
                    long check = held.deriveKey(copyAll, partial, TokenKek.checkCopyTemplate().valueLen(TokenKek.LENGTH));
                    try {
                        kcv = KeyCheckValues.of(held, check, traits.mechanisms());
                    } finally {
                        KeyObjects.destroyQuietly(held, check);
                    }
                    TokenKek.make(t -> held.deriveKey(copyAll, partial, t.valueLen(TokenKek.LENGTH)), KekOrigin.PRODUCTION,
                            pool.tokenLabel());
                } else {
                    long check = s.createObject(TokenKek.checkCopyTemplate().value(accumulator));
                    try {
                        kcv = KeyCheckValues.of(s, check, traits.mechanisms());
                    } finally {
                        KeyObjects.destroyQuietly(s, check);
                    }
                    TokenKek.make(t -> s.createObject(t.value(accumulator)), KekOrigin.PRODUCTION, pool.tokenLabel());
                    Arrays.fill(accumulator, (byte) 0);
                }
                KekFacts facts = new KekFacts(TokenKek.LABEL, KekOrigin.PRODUCTION, kcv[0], kcv[1], created, by, how);
                TokenKek.storeInfo(s, KekOrigin.PRODUCTION, facts.encode(), pool.tokenLabel());
                LOG.info("Stored the production transport KEK in token '{}' from {} components ({})", pool.tokenLabel(),
                        added, inToken ? "combined in the token" : "combined in one zeroed array");
                return facts;
            });
        } finally {
            close();
        }
    }

    private static AttributeVector partTemplate() {
        return AttributeVector.newAESSecretKey().token(false).sensitive(true).extractable(false).derive(true)
                .encrypt(false).decrypt(false).wrap(false).unwrap(false);
    }

    private static Mechanism xor(byte[] data) {
        return new Mechanism(CKM_XOR_BASE_AND_DATA, new KEY_DERIVATION_STRING_DATA(data));
    }

    @Override
    public void close() {
        if (accumulator != null) {
            Arrays.fill(accumulator, (byte) 0);
        }
        if (lease != null) {
            if (partial >= 0) {
                KeyObjects.destroyQuietly(lease.session(), partial);
            }
            lease.close();
            lease = null;
        }
    }
}
