package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.assertVerifies;
import static dev.hallmark.hsm.keystore.ItSupport.attributes;
import static dev.hallmark.hsm.keystore.ItSupport.objects;
import static dev.hallmark.hsm.keystore.ItSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionKeyIT {

    private static final byte[] DATA = "device CSR".getBytes(StandardCharsets.UTF_8);

    @Test
    void sessionKeyIsGeneratedFoundUsedAndDestroyed() throws Exception {
        try (Pkcs11Station station = open("it-session")) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle key = keys.generate(KeySpec.EC_P256, "dev-0102030405060708090a0b0c", KeyPolicy.SESSION_WRAP_ONLY);
            assertThat(key.policy()).isEqualTo(KeyPolicy.SESSION_WRAP_ONLY);

            KeyHandle found = keys.find(key.alias()).orElseThrow();
            assertThat(found).isEqualTo(key);
            long privateKey = objects(station, CKO_PRIVATE_KEY, key.idBytes())[0];
            assertThat(attributes(station, privateKey, CKA_TOKEN).token()).isFalse();

            assertVerifies(key.publicKey(), DATA, keys.sign(key, DATA));

            X509Certificate certificate = ItSupport.selfSigned(keys, key);
            keys.attachCertificate(key, certificate);
            long[] certificates = objects(station, CKO_CERTIFICATE, key.idBytes());
            assertThat(certificates).hasSize(1);
            assertThat(attributes(station, certificates[0], CKA_TOKEN).token()).isFalse();

            keys.destroy(key);
            assertThat(keys.find(key.alias())).isEmpty();
            for (long objectClass : new long[] {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_CERTIFICATE}) {
                assertThat(objects(station, objectClass, key.idBytes())).as("class %d", objectClass).isEmpty();
            }
            keys.destroy(key);
            assertThatThrownBy(() -> keys.sign(key, DATA)).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_KEY_MISSING));
            assertThatThrownBy(() -> keys.attachCertificate(key, certificate)).isInstanceOfSatisfying(
                    ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_KEY_MISSING));
        }
    }

    @Test
    void sessionKeysOutnumberThePool() throws Exception {
        try (Pkcs11Station station = Pkcs11Station.open(SoftHsmFixture.module(), SoftHsmFixture.token("it-session"),
                SoftHsmFixture.userPin(), 2)) {
            List<KeyHandle> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handles.add(station.keyStore().generate(KeySpec.EC_P256, "many-" + i, KeyPolicy.SESSION_WRAP_ONLY));
            }
            for (KeyHandle key : handles) {
                assertVerifies(key.publicKey(), DATA, station.keyStore().sign(key, DATA));
                station.keyStore().destroy(key);
            }
            for (KeyHandle key : handles) {
                assertThat(station.keyStore().find(key.alias())).isEmpty();
            }
        }
    }

    @Test
    void sessionKeyDiesWithTheStationThatCreatedIt() throws Exception {
        try (Pkcs11Station station = open("it-session")) {
            station.keyStore().generate(KeySpec.EC_P256, "lost-in-crash", KeyPolicy.SESSION_WRAP_ONLY);
            assertThat(station.keyStore().find("lost-in-crash")).isPresent();
        }
        try (Pkcs11Station station = open("it-session")) {
            assertThat(station.keyStore().find("lost-in-crash")).isEmpty();
            assertThat(objects(station, CKO_PUBLIC_KEY, KeyIds.forAlias("lost-in-crash"))).isEmpty();
        }
    }
}
