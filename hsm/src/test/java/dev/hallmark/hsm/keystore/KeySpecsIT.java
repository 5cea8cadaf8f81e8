package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.objects;
import static dev.hallmark.hsm.keystore.ItSupport.open;
import static dev.hallmark.hsm.keystore.ItSupport.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.SessionLease;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every key spec of the engine against SoftHSM2, checked by the JDK and by Bouncy Castle's PKCS#10 verifier. */
class KeySpecsIT {

    private static final byte[] DATA = "tbs of a device certificate request".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({"EC_P256, SESSION_WRAP_ONLY", "EC_P384, SESSION_WRAP_ONLY", "ED25519, SESSION_WRAP_ONLY",
            "RSA_2048, SESSION_WRAP_ONLY", "EC_P384, TOKEN_NON_EXTRACTABLE", "ED25519, TOKEN_NON_EXTRACTABLE",
            "RSA_3072, TOKEN_NON_EXTRACTABLE"})
    void generatedKeySignsInTheJcaEncodingAndIsFoundAgain(KeySpec spec, KeyPolicy policy) throws Exception {
        try (Pkcs11Station station = open("it-specs")) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            String alias = "spec-" + spec + "-" + policy;
            KeyHandle key = keys.generate(spec, alias, policy);
            assertThat(key.spec()).isEqualTo(spec);
            assertThat(key.policy()).isEqualTo(policy);
            switch (spec) {
                case EC_P256, EC_P384 -> assertThat(((ECPublicKey) key.publicKey()).getParams().getCurve().getField()
                        .getFieldSize()).isEqualTo(spec == KeySpec.EC_P256 ? 256 : 384);
                case ED25519 -> assertThat(key.publicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
                case RSA_2048, RSA_3072 -> assertThat(((RSAPublicKey) key.publicKey()).getModulus().bitLength())
                        .isEqualTo(Integer.parseInt(spec.curveOrSize()));
            }

            byte[] signature = keys.sign(key, DATA);
            assertThat(verifies(key, DATA, signature)).as("JDK %s", spec.signatureAlgorithm()).isTrue();
            assertThat(verifies(key, "other data".getBytes(StandardCharsets.UTF_8), signature)).isFalse();

            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=" + alias), key.publicKey()).build(new TokenContentSigner(keys, key));
            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.publicKey())))
                    .as("PKCS#10 signed in the token").isTrue();

            KeyHandle found = keys.find(alias).orElseThrow();
            assertThat(found.spec()).isEqualTo(spec);
            assertThat(found.policy()).isEqualTo(policy);
            assertThat(found.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());

            keys.destroy(key);
            assertThat(keys.find(alias)).isEmpty();
        }
    }

    @Test
    void rsaSignsThroughRawPkcs1WithDigestInfoWhereTheTokenLacksTheCombinedMechanism() throws Exception {
        try (Pkcs11Station station = open("it-specs")) {
            KeyHandle key = station.keyStore().generate(KeySpec.RSA_2048, "rsa-raw", KeyPolicy.SESSION_WRAP_ONLY);
            TokenTraits rawOnly = new TokenTraits(Set.of(CKM_RSA_PKCS), true, true, true);
            try (SessionLease lease = station.sessions().lease()) {
                long privateKey = objects(station, CKO_PRIVATE_KEY, key.idBytes())[0];
                byte[] signature = RsaKeySupport.RSA_2048.sign(lease.session(), privateKey, DATA, rawOnly);
                assertThat(verifies(key, DATA, signature)).isTrue();
            }
            station.keyStore().destroy(key);
        }
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void aTokenWithoutTheMechanismsSaysSoPlainly(KeySpec spec) throws Exception {
        try (Pkcs11Station station = open("it-specs")) {
            TokenTraits bare = new TokenTraits(Set.of(), true, true, true);
            Pkcs11DeviceKeyStore keys = new Pkcs11DeviceKeyStore(station.sessions(), bare);
            String name = KeyTypeSupport.forSpec(spec).displayName();
            assertThatThrownBy(() -> keys.generate(spec, "never", KeyPolicy.SESSION_WRAP_ONLY))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_MECHANISM_UNSUPPORTED);
                        assertThat(e.getMessage()).startsWith("The HSM token 'it-specs' cannot generate " + name
                                + " keys: it does not offer the mechanism CKM_");
                    });
            assertThat(keys.find("never")).isEmpty();
        }
    }

    @Test
    void aTokenWithoutSessionObjectsRefusesSessionKeys() throws Exception {
        try (Pkcs11Station station = open("it-specs")) {
            TokenTraits real = TokenTraits.of(station.sessions().connection().token());
            TokenTraits noSessions = new TokenTraits(real.mechanisms(), false, true, true);
            Pkcs11DeviceKeyStore keys = new Pkcs11DeviceKeyStore(station.sessions(), noSessions);
            assertThatThrownBy(() -> keys.generate(KeySpec.EC_P256, "session", KeyPolicy.SESSION_WRAP_ONLY))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_MECHANISM_UNSUPPORTED);
                        assertThat(e.getMessage()).isEqualTo("The HSM token 'it-specs' cannot hold session keys, "
                                + "which injected key custody needs.");
                    });
            assertThat(real.sessionObjects()).isTrue();
            assertThat(real.concurrentSessions()).isTrue();
        }
    }
}
