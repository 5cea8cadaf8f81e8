package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.assertVerifies;
import static dev.hallmark.hsm.keystore.ItSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.SessionLease;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;

class WrapForDeviceIT {

    private static final DeviceUid UID = DeviceUid.ofHex("3a0041000d51333236353838");
    private static final byte[] DATA = "proof of possession".getBytes(StandardCharsets.UTF_8);

    /** TK = AES-256-ECB(KEK, U || "HMT" || 00 || U || "HMT" || 01), written out here from docs/identity-blob.md. */
    private static byte[] transportKey(byte[] kek, DeviceUid uid) throws GeneralSecurityException {
        String u = uid.hex();
        byte[] d = HexFormat.of().parseHex(u + "484d5400" + u + "484d5401");
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
        return aes.doFinal(d);
    }

    private static byte[] unwrap(byte[] transportKey, byte[] wrapped) throws GeneralSecurityException {
        Cipher wrap = Cipher.getInstance("AESWRAPPAD", new BouncyCastleProvider());
        wrap.init(Cipher.DECRYPT_MODE, new SecretKeySpec(transportKey, "AES"));
        return wrap.doFinal(wrapped);
    }

    /** The PKCS#8 DER, cut at its own length (some tokens append zero bytes before padding). */
    private static byte[] cutAtDerLength(byte[] plain) {
        assertThat(plain[0]).isEqualTo((byte) 0x30);
        int first = plain[1] & 0xff;
        int length = first < 0x80 ? 2 + first
                : first == 0x81 ? 3 + (plain[2] & 0xff)
                : 4 + ((plain[2] & 0xff) << 8 | (plain[3] & 0xff));
        assertThat(length).isLessThanOrEqualTo(plain.length);
        return Arrays.copyOf(plain, length);
    }

    private static int secretKeyCount(Pkcs11Station station) throws Exception {
        try (SessionLease lease = station.sessions().lease()) {
            return lease.session().findObjectsSingle(new AttributeVector().class_(CKO_SECRET_KEY), 100).length;
        }
    }

    @Test
    void wrappedKeyUnwrapsUnderTheIndependentlyComputedTransportKeyAndSigns() throws Exception {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        try (Pkcs11Station station = open("it-wrap")) {
            assertThat(station.hasTransportKek()).isFalse();
            station.importTransportKek(kek);
            station.importTransportKek(new byte[32]);   // idempotent: no second copy, the first one stays
            assertThat(station.hasTransportKek()).isTrue();
            assertThat(secretKeyCount(station)).isEqualTo(1);

            KeyHandle key = station.keyStore().generate(KeySpec.EC_P256, "dev-" + UID.hex(), KeyPolicy.SESSION_WRAP_ONLY);
            byte[] wrapped = station.keyStore().wrapForDevice(key, UID);
            assertThat(secretKeyCount(station)).as("the derived transport key is destroyed").isEqualTo(1);
            assertThat(wrapped.length % 8).isZero();

            byte[] pkcs8 = cutAtDerLength(unwrap(transportKey(kek, UID), wrapped));
            PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(DATA);
            assertVerifies(key.publicKey(), DATA, signer.sign());
            assertVerifies(key.publicKey(), DATA, station.keyStore().sign(key, DATA));

            DeviceUid otherDevice = DeviceUid.ofHex("3a0041000d51333236353839");
            assertThatThrownBy(() -> unwrap(transportKey(kek, otherDevice), wrapped))
                    .isInstanceOf(GeneralSecurityException.class);

            // wrapped once: the same device gets the same bytes again, any other device nothing
            assertThat(station.keyStore().wrapForDevice(key, UID)).isEqualTo(wrapped);
            assertThatThrownBy(() -> station.keyStore().wrapForDevice(key, otherDevice))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED);
                        assertThat(e.getMessage()).contains("already wrapped for device " + UID.hex());
                    });
            long tokenPrivate = ItSupport.objects(station, CKO_PRIVATE_KEY, key.idBytes())[0];
            assertThat(ItSupport.attributes(station, tokenPrivate, CKA_EXTRACTABLE).extractable())
                    .as("sealed after its one wrap").isFalse();
            station.keyStore().destroy(key);
        }
    }

    @Test
    void tokenKeysAreNeverWrapped() throws Exception {
        try (Pkcs11Station station = open("it-wrap")) {
            KeyHandle key = station.keyStore().generate(KeySpec.EC_P256, "ca-kept", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertThatThrownBy(() -> station.keyStore().wrapForDevice(key, UID))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED));
        }
    }

    @Test
    void missingKekIsNamed() throws Exception {
        try (Pkcs11Station station = open("it-no-kek")) {
            KeyHandle key = station.keyStore().generate(KeySpec.EC_P256, "dev-nokek", KeyPolicy.SESSION_WRAP_ONLY);
            assertThatThrownBy(() -> station.keyStore().wrapForDevice(key, UID))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_KEY_MISSING);
                        assertThat(e.getMessage()).isEqualTo(
                                "The transport KEK 'hallmark-transport-kek' is not in the HSM token 'it-no-kek'.");
                    });
            assertThatThrownBy(() -> station.importTransportKek(new byte[16]))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
            assertThat(station.hasTransportKek()).isFalse();
        }
    }
}
