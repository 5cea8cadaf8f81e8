package dev.hallmark.hsm.bench;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;

import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.keystore.KeyTemplates;
import dev.hallmark.hsm.keystore.Pkcs11DeviceKeyStore;
import dev.hallmark.hsm.pkcs11.SessionPool;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

/** The two loops measured: one unit is an EC P-256 keygen, one CSR signature, and the destruction of the pair. */
final class BenchLoop {

    /** A worker thread's unit of work. */
    interface Worker extends AutoCloseable {
        void unit(long n) throws ProvisioningException, TokenException;

        @Override
        void close();
    }

    /** Stands in for a PKCS#10 request body: about the size the engine signs per unit. */
    static final byte[] CSR_BODY = new byte[320];

    private BenchLoop() {
    }

    /**
     * Through the key store, as the engine calls it. With a {@code unitLock}, one unit at a time: a token that bears
     * one user at a time (tpm2-pkcs11) serves a device for a whole unit; more threads only queue.
     */
    static Worker store(Pkcs11DeviceKeyStore keys, KeyPolicy policy, String prefix, Object unitLock) {
        return new Worker() {
            @Override
            public void unit(long n) throws ProvisioningException {
                if (unitLock == null) {
                    storeUnit(n);
                } else {
                    synchronized (unitLock) {
                        storeUnit(n);
                    }
                }
            }

            private void storeUnit(long n) throws ProvisioningException {
                KeyHandle key = keys.generate(KeySpec.EC_P256, prefix + n, policy);
                keys.sign(key, CSR_BODY);
                keys.destroy(key);
            }

            @Override
            public void close() {
                // the store's sessions belong to its pool
            }
        };
    }

    /**
     * The same PKCS#11 calls straight through the wrapper, on a session of the worker's own; with a {@code shared}
     * session (a token that bears one user at a time), on that one, one unit at a time under its lock.
     */
    static Worker bare(Token token, Session shared, KeyPolicy policy, String prefix) throws TokenException {
        KeyTemplates templates = KeyTemplates.forToken(token);
        Session session = shared == null ? token.openSession(true) : shared;
        Mechanism generation = KeyTemplates.generation(KeySpec.EC_P256);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        return new Worker() {
            @Override
            public void unit(long n) throws TokenException {
                if (session == shared) {
                    synchronized (shared) {
                        bareUnit(n);
                    }
                } else {
                    bareUnit(n);
                }
            }

            private void bareUnit(long n) throws TokenException {
                String alias = prefix + n;
                byte[] id = ByteBuffer.allocate(16).putLong(alias.hashCode()).putLong(n).array();
                PKCS11KeyPair pair = session.generateKeyPair(generation,
                        templates.keyPair(KeySpec.EC_P256, id, alias, policy));
                session.getAttrValues(pair.getPublicKey(), CKA_EC_PARAMS, CKA_EC_POINT);
                session.signSingle(new Mechanism(CKM_ECDSA), pair.getPrivateKey(), sha256.digest(CSR_BODY));
                session.destroyObject(pair.getPrivateKey());
                session.destroyObject(pair.getPublicKey());
            }

            @Override
            public void close() {
                if (session != shared) {
                    SessionPool.closeQuietly(session);
                }
            }
        };
    }
}
