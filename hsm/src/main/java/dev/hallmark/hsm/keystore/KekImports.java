package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA1;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_OAEP;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA_1;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_PARAM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKZ_DATA_SPECIFIED;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.SessionPool;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_OAEP_PARAMS;

/**
 * The transport-KEK ceremony's token side: split-knowledge import ({@link #split()}), the key-import key pair born in
 * the token and the vendor's KEK unwrapped to it with RSA-OAEP, the KEKs present with their facts, and retirement.
 */
public final class KekImports {

    /** Label and CKA_ID of the key-import key pair. */
    public static final String IMPORT_KEY_LABEL = "hallmark-kek-import";
    private static final byte[] IMPORT_KEY_ID = IMPORT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII);
    private static final int IMPORT_KEY_BITS = 3072;
    private static final Logger LOG = LoggerFactory.getLogger(KekImports.class);

    private final SessionPool pool;
    private final TokenTraits traits;

    KekImports(SessionPool pool, TokenTraits traits) {
        this.pool = pool;
        this.traits = traits;
    }

    /** Starts a split-knowledge import; add the components, then finish. */
    public KekSplitImport split() {
        return new KekSplitImport(pool, traits);
    }

    /** Whether the token can combine components itself (CKM_XOR_BASE_AND_DATA in its mechanism list). */
    public boolean combinesInToken() {
        return traits.has(org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_XOR_BASE_AND_DATA);
    }

    /**
     * The public half of the key-import key pair (RSA-3072, private key a token object that is sensitive, never
     * extractable and can only unwrap); made on first use.
     */
    public PublicKey importKey() throws ProvisioningException {
        return pool.call("make or read the key-import key", s -> {
            OptionalLong pub = KeyObjects.findOne(s, CKO_PUBLIC_KEY, IMPORT_KEY_ID);
            long handle;
            if (pub.isPresent()) {
                handle = pub.getAsLong();
            } else {
                KeyPairTemplate t = new KeyPairTemplate(CKK_RSA).token(true).id(IMPORT_KEY_ID.clone())
                        .labels(IMPORT_KEY_LABEL);
                t.publicKey().modulusBits(IMPORT_KEY_BITS).publicExponent(BigInteger.valueOf(65537)).private_(false)
                        .wrap(true).encrypt(true).verify(false);
                t.privateKey().private_(true).sensitive(true).extractable(false).unwrap(true).decrypt(false)
                        .sign(false).derive(false);
                handle = s.generateKeyPair(new Mechanism(CKM_RSA_PKCS_KEY_PAIR_GEN), t).getPublicKey();
                LOG.info("Generated the key-import key pair '{}' in token '{}'", IMPORT_KEY_LABEL, pool.tokenLabel());
            }
            AttributeVector a = s.getAttrValues(handle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
            try {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(a.modulus(), a.publicExponent()));
            } catch (GeneralSecurityException e) {
                throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, "the key-import public key cannot be read",
                        e.getMessage(), e);
            }
        });
    }

    /**
     * Unwraps the vendor's AES-256 KEK, wrapped with RSA-OAEP ({@code oaepHash} "sha1" or "sha256", MGF1 of the same
     * hash, no label) to the key-import key, inside the token: once as an encrypt-only session copy for its KCVs,
     * once as the production KEK. The value never enters this JVM.
     */
    public KekFacts importWrapped(byte[] wrapped, String oaepHash, String created, String by)
            throws ProvisioningException {
        boolean sha1 = "sha1".equalsIgnoreCase(oaepHash);
        if (!sha1 && !"sha256".equalsIgnoreCase(oaepHash)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--oaep-hash is sha1 or sha256, not " + oaepHash);
        }
        Mechanism oaep = new Mechanism(CKM_RSA_PKCS_OAEP, new RSA_PKCS_OAEP_PARAMS(sha1 ? CKM_SHA_1 : CKM_SHA256,
                sha1 ? CKG_MGF1_SHA1 : CKG_MGF1_SHA256, CKZ_DATA_SPECIFIED, null));
        return pool.call("unwrap the vendor's transport KEK", s -> {
            if (TokenKek.find(s, KekOrigin.PRODUCTION).isPresent()) {
                throw alreadyPresent(pool.tokenLabel());
            }
            long priv = KeyObjects.findOne(s, CKO_PRIVATE_KEY, IMPORT_KEY_ID).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.KEK_CEREMONY_REFUSED, "the token has no key-import key; run 'hallmark kek import-key' and"
                    + " send its public key to the vendor"));
            String[] kcv;
            long check;
            try {
                check = s.unwrapKey(oaep, priv, wrapped, TokenKek.checkCopyTemplate());
            } catch (PKCS11Exception e) {
                throw refused(e, sha1);
            }
            try {
                kcv = KeyCheckValues.of(s, check, traits.mechanisms());
            } finally {
                KeyObjects.destroyQuietly(s, check);
            }
            TokenKek.make(t -> s.unwrapKey(oaep, priv, wrapped, t), KekOrigin.PRODUCTION, pool.tokenLabel());
            KekFacts facts = new KekFacts(TokenKek.LABEL, KekOrigin.PRODUCTION, kcv[0], kcv[1], created, by,
                    "wrapped import (RSA-OAEP " + (sha1 ? "SHA-1" : "SHA-256") + " to " + IMPORT_KEY_LABEL
                    + "), unwrapped in the token");
            TokenKek.storeInfo(s, KekOrigin.PRODUCTION, facts.encode(), pool.tokenLabel());
            return facts;
        });
    }

    private static ProvisioningException refused(PKCS11Exception e, boolean sha1) {
        String hint = e.getErrorCode() == CKR_MECHANISM_PARAM_INVALID && !sha1
                ? "; this token may unwrap RSA-OAEP only with SHA-1 (SoftHSM2 2.6.1): have the vendor wrap with OAEP"
                + " SHA-1 and run with --oaep-hash sha1" : "";
        return new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, "the token could not unwrap the KEK (not"
                + " an AES-256 key wrapped to this station's key-import key?)" + hint,
                dev.hallmark.hsm.pkcs11.Pkcs11Errors.ckrName(e.getErrorCode()), e);
    }

    /** Stores the simulated vendor's KEK (demo boards only) under its own label, with its facts. */
    public KekFacts importSimulated(byte[] value, String created) throws ProvisioningException {
        try {
            return pool.call("import the simulated vendor KEK", s -> {
                long check = s.createObject(TokenKek.checkCopyTemplate().value(value));
                String[] kcv;
                try {
                    kcv = KeyCheckValues.of(s, check, traits.mechanisms());
                } finally {
                    KeyObjects.destroyQuietly(s, check);
                }
                KekFacts facts = new KekFacts(TokenKek.SIM_LABEL, KekOrigin.SIMULATED_VENDOR, kcv[0], kcv[1], created,
                        "the station (simulated vendor)", "SIMULATED for simulated boards only");
                if (TokenKek.find(s, KekOrigin.SIMULATED_VENDOR).isEmpty()) {
                    TokenKek.make(t -> s.createObject(t.value(value)), KekOrigin.SIMULATED_VENDOR, pool.tokenLabel());
                    TokenKek.storeInfo(s, KekOrigin.SIMULATED_VENDOR, facts.encode(), pool.tokenLabel());
                }
                return facts;
            });
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** The KEK of this origin in the token, with its recorded facts (KCVs null if it came in outside Hallmark). */
    public Optional<KekFacts> find(KekOrigin origin) throws ProvisioningException {
        return pool.call("look for the transport KEK", s -> read(s, origin));
    }

    /** Every transport KEK in the token. */
    public List<KekFacts> list() throws ProvisioningException {
        return pool.call("list the transport KEKs", s -> {
            List<KekFacts> all = new ArrayList<>();
            for (KekOrigin o : KekOrigin.values()) {
                read(s, o).ifPresent(all::add);
            }
            return all;
        });
    }

    /** Destroys the KEK of this origin and its facts (rotation: retire, then import the new one); what it was. */
    public Optional<KekFacts> retire(KekOrigin origin) throws ProvisioningException {
        return pool.call("retire the transport KEK", s -> {
            Optional<KekFacts> facts = read(s, origin);
            if (facts.isPresent()) {
                s.destroyObject(TokenKek.find(s, origin).getAsLong());
                for (long info : TokenKek.findInfo(s, origin)) {
                    s.destroyObject(info);
                }
                LOG.info("Retired transport KEK '{}' of token '{}'", TokenKek.label(origin), pool.tokenLabel());
            }
            return facts;
        });
    }

    private static Optional<KekFacts> read(Session s, KekOrigin origin) throws PKCS11Exception {
        if (TokenKek.find(s, origin).isEmpty()) {
            return Optional.empty();
        }
        long[] info = TokenKek.findInfo(s, origin);
        String text = null;
        if (info.length > 0) {
            byte[] v = s.getAttrValues(info[0], CKA_VALUE).value();
            text = v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
        return Optional.of(KekFacts.decode(TokenKek.label(origin), origin, text));
    }

    static ProvisioningException alreadyPresent(String tokenLabel) {
        return new ProvisioningException(ErrorCode.KEK_ALREADY_PRESENT, "HSM token '" + tokenLabel
                + "' already holds the production transport KEK '" + TokenKek.LABEL + "'");
    }
}
