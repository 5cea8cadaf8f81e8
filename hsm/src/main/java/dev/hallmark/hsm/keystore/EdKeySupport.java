package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC_EDWARDS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EDDSA;

import dev.hallmark.engine.api.KeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Functions;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * Ed25519 (PKCS#11 3.0): CKM_EC_EDWARDS_KEY_PAIR_GEN with the curve OID 1.3.101.112, CKM_EDDSA over the whole
 * message. The 64-byte signature is already the JCA "Ed25519" encoding. CKA_EC_POINT holds the 32-byte public key,
 * raw or as a DER OCTET STRING depending on the token.
 */
final class EdKeySupport implements KeyTypeSupport {

    static final EdKeySupport ED25519 = new EdKeySupport();

    private static final byte[] CURVE_OID = Functions.encodeOid("1.3.101.112");
    private static final byte[] CURVE_NAME = printableString("edwards25519");
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int KEY_BYTES = 32;

    private EdKeySupport() {
    }

    @Override
    public KeySpec spec() {
        return KeySpec.ED25519;
    }

    @Override
    public String displayName() {
        return "Ed25519";
    }

    @Override
    public long keyType() {
        return CKK_EC_EDWARDS;
    }

    @Override
    public long generationMechanism() {
        return CKM_EC_EDWARDS_KEY_PAIR_GEN;
    }

    @Override
    public long[] signingMechanisms() {
        return new long[] {CKM_EDDSA};
    }

    @Override
    public void addDomainParameters(AttributeVector publicKeyTemplate) {
        publicKeyTemplate.ecParams(CURVE_OID.clone());
    }

    @Override
    public long[] publicAttributeTypes() {
        return new long[] {CKA_EC_PARAMS, CKA_EC_POINT};
    }

    @Override
    public boolean matches(AttributeVector attributes) {
        byte[] params = attributes.ecParams();
        return Arrays.equals(CURVE_OID, params) || Arrays.equals(CURVE_NAME, params);
    }

    @Override
    public PublicKey publicKey(AttributeVector attributes) throws GeneralSecurityException {
        byte[] point = rawPoint(attributes.ecPoint());
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
        System.arraycopy(point, 0, spki, SPKI_PREFIX.length, KEY_BYTES);
        return Digests.keyFactory("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** The 32-byte key from CKA_EC_POINT: raw, or wrapped in a DER OCTET STRING (04 20 ...). */
    static byte[] rawPoint(byte[] encoded) {
        if (encoded != null && encoded.length == KEY_BYTES) {
            return encoded.clone();
        }
        if (encoded != null && encoded.length == KEY_BYTES + 2 && encoded[0] == 0x04 && encoded[1] == KEY_BYTES) {
            return Arrays.copyOfRange(encoded, 2, encoded.length);
        }
        throw new IllegalArgumentException("the Ed25519 public key is neither 32 raw bytes nor a DER OCTET STRING of"
                + " them (" + (encoded == null ? "none" : encoded.length + " bytes") + ")");
    }

    @Override
    public byte[] sign(Session session, long privateKey, byte[] data, TokenTraits traits) throws TokenException {
        return session.signSingle(new Mechanism(CKM_EDDSA), privateKey, data);
    }

    private static byte[] printableString(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] der = new byte[ascii.length + 2];
        der[0] = 0x13;
        der[1] = (byte) ascii.length;
        System.arraycopy(ascii, 0, der, 2, ascii.length);
        return der;
    }
}
