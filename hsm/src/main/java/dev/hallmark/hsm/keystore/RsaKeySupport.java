package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_RSA_PKCS;

import dev.hallmark.engine.api.KeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * RSA keys with public exponent 65537, signing SHA256withRSA (PKCS#1 v1.5): CKM_SHA256_RSA_PKCS where the token
 * has it, otherwise SHA-256 in Java wrapped in its DigestInfo and signed with CKM_RSA_PKCS.
 */
final class RsaKeySupport implements KeyTypeSupport {

    static final RsaKeySupport RSA_2048 = new RsaKeySupport(KeySpec.RSA_2048, 2048);
    static final RsaKeySupport RSA_3072 = new RsaKeySupport(KeySpec.RSA_3072, 3072);

    static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    /** DER of DigestInfo { AlgorithmIdentifier { sha256, NULL }, OCTET STRING (32) } before the hash. */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private final KeySpec spec;
    private final int bits;

    private RsaKeySupport(KeySpec spec, int bits) {
        this.spec = spec;
        this.bits = bits;
    }

    @Override
    public KeySpec spec() {
        return spec;
    }

    @Override
    public String displayName() {
        return "RSA-" + bits;
    }

    @Override
    public long keyType() {
        return CKK_RSA;
    }

    @Override
    public long generationMechanism() {
        return CKM_RSA_PKCS_KEY_PAIR_GEN;
    }

    @Override
    public long[] signingMechanisms() {
        return new long[] {CKM_SHA256_RSA_PKCS, CKM_RSA_PKCS};
    }

    @Override
    public void addDomainParameters(AttributeVector publicKeyTemplate) {
        publicKeyTemplate.modulusBits(bits).publicExponent(PUBLIC_EXPONENT);
    }

    @Override
    public long[] publicAttributeTypes() {
        return new long[] {CKA_MODULUS, CKA_PUBLIC_EXPONENT};
    }

    @Override
    public boolean matches(AttributeVector attributes) {
        BigInteger modulus = attributes.modulus();
        return modulus != null && modulus.bitLength() == bits;
    }

    @Override
    public PublicKey publicKey(AttributeVector attributes) throws GeneralSecurityException {
        return Digests.keyFactory("RSA")
                .generatePublic(new RSAPublicKeySpec(attributes.modulus(), attributes.publicExponent()));
    }

    @Override
    public byte[] sign(Session session, long privateKey, byte[] data, TokenTraits traits) throws TokenException {
        if (traits.has(CKM_SHA256_RSA_PKCS)) {
            return session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), privateKey, data);
        }
        return session.signSingle(new Mechanism(CKM_RSA_PKCS), privateKey, digestInfo(data));
    }

    /** The PKCS#1 v1.5 DigestInfo of SHA-256 over {@code data}, what CKM_RSA_PKCS signs for SHA256withRSA. */
    static byte[] digestInfo(byte[] data) {
        byte[] hash = Digests.digest("SHA-256", data);
        byte[] info = new byte[SHA256_DIGEST_INFO.length + hash.length];
        System.arraycopy(SHA256_DIGEST_INFO, 0, info, 0, SHA256_DIGEST_INFO.length);
        System.arraycopy(hash, 0, info, SHA256_DIGEST_INFO.length, hash.length);
        return info;
    }
}
