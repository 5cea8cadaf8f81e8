package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.assertVerifies;
import static dev.hallmark.hsm.keystore.ItSupport.attributes;
import static dev.hallmark.hsm.keystore.ItSupport.objects;
import static dev.hallmark.hsm.keystore.ItSupport.open;
import static dev.hallmark.hsm.keystore.ItSupport.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pkcs11StationIT {

    private static final byte[] DATA = "a PKCS#10 request body".getBytes(StandardCharsets.UTF_8);

    @Test
    void tokenKeyIsFoundByAliasAfterReopeningAndSignsForTheJdk() throws Exception {
        KeyHandle generated;
        try (Pkcs11Station station = open("it-station")) {
            assertThat(station.tokenLabel()).isEqualTo("it-station");
            generated = station.keyStore().generate(KeySpec.EC_P256, "ca-root", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertThat(generated.id()).isEqualTo(KeyIds.hexForAlias("ca-root"));
            assertThat(generated.token()).isEqualTo("it-station");
            assertThat(generated.policy()).isEqualTo(KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertThat(generated.publicKey().getAlgorithm()).isEqualTo("EC");
        }
        try (Pkcs11Station station = open("it-station")) {
            Optional<KeyHandle> found = station.keyStore().find("ca-root");
            assertThat(found).isPresent();
            KeyHandle key = found.get();
            assertThat(key).isEqualTo(generated);
            assertThat(key.publicKey().getEncoded()).isEqualTo(generated.publicKey().getEncoded());
            byte[] signature = station.keyStore().sign(key, DATA);
            assertVerifies(generated.publicKey(), DATA, signature);
            assertThat(verifies(generated.publicKey(), "other data".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
            assertThat(station.keyStore().find("never-generated")).isEmpty();
        }
    }

    @Test
    void secondKeyWithTheSameAliasIsRefused() throws Exception {
        try (Pkcs11Station station = open("it-station")) {
            station.keyStore().generate(KeySpec.EC_P256, "duplicate", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertThatThrownBy(() -> station.keyStore().generate(KeySpec.EC_P384, "duplicate",
                    KeyPolicy.TOKEN_NON_EXTRACTABLE)).isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED));
            assertThat(objects(station, CKO_PRIVATE_KEY, KeyIds.forAlias("duplicate"))).hasSize(1);

            // session keys are checked against this store's own session keys, without a token search (the engine
            // finds before it generates; the search would cost a sixth of a unit)
            station.keyStore().generate(KeySpec.EC_P256, "duplicate-session", KeyPolicy.SESSION_WRAP_ONLY);
            assertThatThrownBy(() -> station.keyStore().generate(KeySpec.EC_P256, "duplicate-session",
                    KeyPolicy.SESSION_WRAP_ONLY)).isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED);
                        assertThat(e.getMessage()).contains("already holds a key with alias 'duplicate-session'");
                    });
            assertThat(objects(station, CKO_PRIVATE_KEY, KeyIds.forAlias("duplicate-session"))).hasSize(1);
        }
    }

    @Test
    void certificateIsStoredBesideTheKeyOnceAndDestroyedWithIt() throws Exception {
        try (Pkcs11Station station = open("it-station")) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle key = keys.generate(KeySpec.EC_P256, "issuing-ca", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            X509Certificate certificate = ItSupport.selfSigned(keys, key);
            keys.attachCertificate(key, certificate);
            keys.attachCertificate(key, certificate);

            long[] certificates = objects(station, CKO_CERTIFICATE, key.idBytes());
            assertThat(certificates).hasSize(1);
            var stored = attributes(station, certificates[0], CKA_VALUE, CKA_LABEL, CKA_TOKEN);
            assertThat(stored.value()).isEqualTo(certificate.getEncoded());
            assertThat(stored.label()).isEqualTo("issuing-ca");
            assertThat(stored.token()).isTrue();

            KeyHandle other = keys.generate(KeySpec.EC_P256, "other", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertThatThrownBy(() -> keys.attachCertificate(other, certificate))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_CERTIFICATE_INVALID));

            keys.destroy(key);
            assertThat(keys.find("issuing-ca")).isEmpty();
            for (long objectClass : new long[] {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_CERTIFICATE}) {
                assertThat(objects(station, objectClass, key.idBytes())).as("class %d", objectClass).isEmpty();
            }
            assertThat(keys.find("other")).isPresent();
            keys.destroy(key);   // a second destroy finds nothing and does nothing
            assertThatThrownBy(() -> keys.sign(key, DATA)).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_KEY_MISSING));
        }
    }

    @Test
    void wrongPinIsRefusedWithItsOneLineMessageAndTheRightOneStillWorks() throws Exception {
        String label = SoftHsmFixture.token("it-pin");
        assertThatThrownBy(() -> Pkcs11Station.open(SoftHsmFixture.module(), label, "wrong-pin".toCharArray()))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT);
                    assertThat(e.rawDetail()).isEqualTo("CKR_PIN_INCORRECT");
                    assertThat(e.oneLine()).isEqualTo("HM-202 HSM: The HSM token 'it-pin' rejected the PIN to log in"
                            + " the user (CKR_PIN_INCORRECT) - correct the PIN file; do not retry blindly, the token"
                            + " locks after repeated failures");
                });
        try (Pkcs11Station station = Pkcs11Station.open(SoftHsmFixture.module(), label, SoftHsmFixture.userPin())) {
            // the token already has a login from this JVM: a wrong PIN must still be refused
            assertThatThrownBy(() -> Pkcs11Station.open(SoftHsmFixture.module(), label, "wrong-pin".toCharArray()))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT));
            assertThat(station.hasTransportKek()).isFalse();
        }
    }

    @Test
    void missingModuleIsNamed() throws Exception {
        Path missing = Path.of("/nonexistent/hallmark/libpkcs11.so");
        assertThatThrownBy(() -> Pkcs11Station.open(missing, "it-station", SoftHsmFixture.userPin()))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HSM_MODULE_MISSING);
                    assertThat(e.getMessage()).isEqualTo(
                            "The PKCS#11 module /nonexistent/hallmark/libpkcs11.so is missing or cannot be loaded.");
                });
        Path notALibrary = SoftHsmToken.confFile(SoftHsmFixture.dataDir());
        SoftHsmFixture.token("it-station");
        assertThatThrownBy(() -> Pkcs11Station.open(notALibrary, "it-station", SoftHsmFixture.userPin()))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HSM_MODULE_MISSING);
                    assertThat(e.getMessage()).contains(notALibrary.toString());
                    assertThat(e.rawDetail()).isNotBlank();
                });
    }

    @Test
    void unknownLabelIsNotFound() throws Exception {
        SoftHsmFixture.token("it-station");
        assertThatThrownBy(() -> Pkcs11Station.open(SoftHsmFixture.module(), "no-such-token", SoftHsmFixture.userPin()))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HSM_TOKEN_NOT_FOUND);
                    assertThat(e.getMessage()).contains("'no-such-token'");
                });
    }

    @Test
    void twoStationsOnOneTokenShareTheLoginUntilTheLastCloses() throws Exception {
        try (Pkcs11Station first = open("it-station")) {
            KeyHandle key = first.keyStore().find("shared").isPresent() ? first.keyStore().find("shared").get()
                    : first.keyStore().generate(KeySpec.EC_P256, "shared", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            try (Pkcs11Station second = open("it-station")) {
                assertVerifies(key.publicKey(), DATA, second.keyStore().sign(key, DATA));
            }
            assertVerifies(key.publicKey(), DATA, first.keyStore().sign(key, DATA));
        }
    }

    @Test
    void closedStationRefusesWork() throws Exception {
        Pkcs11Station station = open("it-station");
        station.close();
        station.close();
        assertThatThrownBy(() -> station.keyStore().find("ca-root")).isInstanceOfSatisfying(
                ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED));
    }
}
