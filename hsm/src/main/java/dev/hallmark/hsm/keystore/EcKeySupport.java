package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;

import dev.hallmark.engine.api.KeySpec;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Functions;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/** EC keys on a named curve: CKM_EC_KEY_PAIR_GEN, the digest computed in Java, then CKM_ECDSA; DER signatures. */
final class EcKeySupport implements KeyTypeSupport {

    static final EcKeySupport P256 = new EcKeySupport(KeySpec.EC_P256, "EC P-256", "1.2.840.10045.3.1.7", 32,
            "SHA-256");
    static final EcKeySupport P384 = new EcKeySupport(KeySpec.EC_P384, "EC P-384", "1.3.132.0.34", 48, "SHA-384");

    private final KeySpec spec;
    private final String displayName;
    private final byte[] ecParams;
    private final int fieldBytes;
    private final String digest;
    private final ECParameterSpec parameters;

    private EcKeySupport(KeySpec spec, String displayName, String curveOid, int fieldBytes, String digest) {
        this.spec = spec;
        this.displayName = displayName;
        this.ecParams = Functions.encodeOid(curveOid);
        this.fieldBytes = fieldBytes;
        this.digest = digest;
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(spec.curveOrSize()));
            this.parameters = params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know curve " + spec.curveOrSize(), e);
        }
    }

    @Override
    public KeySpec spec() {
        return spec;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public long keyType() {
        return CKK_EC;
    }

    @Override
    public long generationMechanism() {
        return CKM_EC_KEY_PAIR_GEN;
    }

    @Override
    public long[] signingMechanisms() {
        return new long[] {CKM_ECDSA};
    }

    @Override
    public void addDomainParameters(AttributeVector publicKeyTemplate) {
        publicKeyTemplate.ecParams(ecParams.clone());
    }

    @Override
    public long[] publicAttributeTypes() {
        return new long[] {CKA_EC_PARAMS, CKA_EC_POINT};
    }

    @Override
    public boolean matches(AttributeVector attributes) {
        return Arrays.equals(ecParams, attributes.ecParams());
    }

    @Override
    public PublicKey publicKey(AttributeVector attributes) throws GeneralSecurityException {
        ECPublicKeySpec keySpec = new ECPublicKeySpec(EcPoints.decode(attributes.ecPoint(), fieldBytes), parameters);
        return Digests.keyFactory("EC").generatePublic(keySpec);
    }

    @Override
    public byte[] sign(Session session, long privateKey, byte[] data, TokenTraits traits) throws TokenException {
        byte[] plain = session.signSingle(new Mechanism(CKM_ECDSA), privateKey, Digests.digest(digest, data));
        if (plain == null || plain.length != 2 * fieldBytes) {
            throw new TokenException("CKM_ECDSA returned " + (plain == null ? 0 : plain.length) + " bytes instead of "
                    + 2 * fieldBytes + " (r||s)");
        }
        return EcdsaSignatures.plainToDer(plain, fieldBytes);
    }
}
