package dev.hallmark.hsm.tpm;

import dev.hallmark.hsm.swtpm.SwtpmToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_TYPE_INVALID;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.device.DeviceTokenConfig;
import dev.hallmark.hsm.device.Pkcs11DeviceTokens;
import dev.hallmark.hsm.info.ModuleInfo;
import dev.hallmark.hsm.info.Pkcs11Inspector;
import dev.hallmark.hsm.info.TokenInfo;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.Slots;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Session;

/**
 * On-device custody with a TPM 2.0: swtpm + tpm2-abrmd + tpm2-pkcs11 stand in for the device's TPM, reached
 * through Pkcs11DeviceTokens as the engine reaches it, one DeviceToken per unit.
 */
@ExtendWith(SwtpmExtension.class)
class TpmDeviceTokenIT {

    private static final Fixture F1 = new Fixture("F1", "/dev/pts/91");
    private static final byte[] DATA = "a device CSR body".getBytes(StandardCharsets.UTF_8);

    private static Pkcs11DeviceTokens tokens(SwtpmToken tpm, PinSource pin) {
        return new Pkcs11DeviceTokens(Map.of("F1", new DeviceTokenConfig(SwtpmToken.module(),
                TokenSelector.byLabel(tpm.label()), pin)));
    }

    private static Pkcs11DeviceTokens tokens(SwtpmToken tpm) throws Exception {
        return tokens(tpm, PinSource.file(tpm.userPinFile()));
    }

    /** Runs {@code check} on a session of its own on the TPM token; the user login of this process is shared. */
    private static <T> T raw(SwtpmToken tpm, RawCheck<T> check) throws Exception {
        SharedModule module = ModuleRegistry.acquire(SwtpmToken.module());
        try {
            Session session = Slots.find(module, TokenSelector.byLabel(tpm.label())).orElseThrow().openSession(true);
            try {
                return check.apply(session);
            } finally {
                session.closeSession();
            }
        } finally {
            module.release();
        }
    }

    @FunctionalInterface
    private interface RawCheck<T> {
        T apply(Session session) throws Exception;
    }

    private static X509Certificate selfSigned(DeviceKeyStore keys, KeyHandle key) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name("CN=" + key.alias());
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), name, key.publicKey());
        return new JcaX509CertificateConverter().getCertificate(builder.build(new TokenContentSigner(keys, key)));
    }

    @Test
    void anEcKeyIsBornInTheTpmNeverLeavesItSignsACsrAndKeepsItsCertificate(SwtpmToken tpm) throws Exception {
        Pkcs11DeviceTokens tokens = tokens(tpm);
        KeyHandle key;
        X509Certificate certificate;
        try (DeviceTokens.DeviceToken token = tokens.open(F1)) {
            assertThat(token.description()).startsWith("IBM SW TPM token 'device-tpm' (hardware, serial ");
            key = token.keys().generate(KeySpec.EC_P256, "dev-tpm-ec", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            byte[] id = key.idBytes();
            raw(tpm, s -> {
                long[] found = s.findObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).id(id), 4);
                assertThat(found).hasSize(1);
                AttributeVector flags = s.getAttrValues(found[0], CKA_TOKEN, CKA_SENSITIVE, CKA_EXTRACTABLE,
                        CKA_NEVER_EXTRACTABLE);
                assertThat(flags.token()).isTrue();
                assertThat(flags.sensitive()).isTrue();
                assertThat(flags.extractable()).isFalse();
                assertThat(flags.neverExtractable()).isTrue();
                CK_ATTRIBUTE value = new CK_ATTRIBUTE();
                value.type = CKA_VALUE;
                assertThatThrownBy(() -> s.getModule().getPKCS11Module().C_GetAttributeValue(s.getSessionHandle(),
                        found[0], new CK_ATTRIBUTE[] {value}, true)).isInstanceOfSatisfying(PKCS11Exception.class,
                                e -> assertThat(e.getErrorCode()).as("the private value is not to be had")
                                        .isIn(CKR_ATTRIBUTE_SENSITIVE, CKR_ATTRIBUTE_TYPE_INVALID));
                return null;
            });

            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=dev-tpm-ec"),
                    key.publicKey()).build(new TokenContentSigner(token.keys(), key));
            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.publicKey()))).isTrue();

            certificate = selfSigned(token.keys(), key);
            certificate.verify(key.publicKey());
            token.keys().attachCertificate(key, certificate);
        }
        try (DeviceTokens.DeviceToken token = tokens.open(F1)) {
            KeyHandle found = token.keys().find("dev-tpm-ec").orElseThrow();
            assertThat(found.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
            assertThat(found.policy()).isEqualTo(KeyPolicy.TOKEN_NON_EXTRACTABLE);
            byte[] stored = raw(tpm, s -> {
                long[] certificates = s.findObjectsSingle(new AttributeVector().class_(CKO_CERTIFICATE)
                        .id(found.idBytes()), 4);
                assertThat(certificates).hasSize(1);
                return s.getAttrValues(certificates[0], CKA_VALUE).value();
            });
            assertThat(stored).as("the certificate, found again after reopening").isEqualTo(certificate.getEncoded());
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(found.publicKey());
            verifier.update(DATA);
            assertThat(verifier.verify(token.keys().sign(found, DATA))).isTrue();
            token.keys().destroy(found);
            assertThat(token.keys().find("dev-tpm-ec")).isEmpty();
        }
    }

    @Test
    void rsa2048SignsSha256WithRsa(SwtpmToken tpm) throws Exception {
        try (DeviceTokens.DeviceToken token = tokens(tpm).open(F1)) {
            KeyHandle key = token.keys().generate(KeySpec.RSA_2048, "dev-tpm-rsa", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key.publicKey());
            verifier.update(DATA);
            assertThat(verifier.verify(token.keys().sign(key, DATA))).isTrue();
            assertThat(token.keys().find("dev-tpm-rsa").orElseThrow().spec()).isEqualTo(KeySpec.RSA_2048);
            token.keys().destroy(key);
        }
    }

    @Test
    void ed25519IsNotOfferedByTpm2Pkcs11(SwtpmToken tpm) throws Exception {
        try (DeviceTokens.DeviceToken token = tokens(tpm).open(F1)) {
            assertThatThrownBy(() -> token.keys().generate(KeySpec.ED25519, "dev-tpm-ed", KeyPolicy.TOKEN_NON_EXTRACTABLE))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_MECHANISM_UNSUPPORTED);
                        assertThat(e.getMessage()).isEqualTo("The HSM token 'device-tpm' cannot generate Ed25519 keys:"
                                + " it does not offer the mechanism CKM_EC_EDWARDS_KEY_PAIR_GEN.");
                    });
            assertThat(token.keys().find("dev-tpm-ed")).isEmpty();
        }
    }

    @Test
    void theTpmHoldsNoSessionKeys(SwtpmToken tpm) throws Exception {
        try (Pkcs11Station station = Pkcs11Station.open(SwtpmToken.module(), TokenSelector.byLabel(tpm.label()),
                PinSource.file(tpm.userPinFile()), 2)) {
            assertThatThrownBy(() -> station.keyStore().generate(KeySpec.EC_P256, "session", KeyPolicy.SESSION_WRAP_ONLY))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_MECHANISM_UNSUPPORTED));
        }
    }

    @Test
    void aWrongPinIsRefusedAndTheRightOneStillOpens(SwtpmToken tpm) throws Exception {
        assertThatThrownBy(() -> tokens(tpm, PinSource.memory("not-the-pin".toCharArray())).open(F1))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT);
                    assertThat(e.rawDetail()).isEqualTo("CKR_PIN_INCORRECT");
                });
        try (DeviceTokens.DeviceToken token = tokens(tpm).open(F1)) {
            assertThat(token.keys().find("absent")).isEmpty();
        }
    }

    @Test
    void infoShowsAHardwareTokenWithoutAPin(SwtpmToken tpm) throws Exception {
        ModuleInfo module = Pkcs11Inspector.inspect(SwtpmToken.module());
        assertThat(module.manufacturer()).isEqualTo("tpm2-software.github.io");
        TokenInfo token = module.slots().stream().flatMap(slot -> slot.token().stream())
                .filter(t -> t.label().equals(tpm.label())).findFirst().orElseThrow();
        assertThat(token.hardware()).isTrue();
        assertThat(token.manufacturer()).isEqualTo("IBM");
        assertThat(token.loginRequired()).isTrue();
        assertThat(token.supports(CKM_EC_EDWARDS_KEY_PAIR_GEN)).isFalse();
        assertThat(token.mechanisms()).filteredOn(m -> m.code() == CKM_ECDSA).singleElement()
                .satisfies(m -> assertThat(m.flags()).contains("hw", "sign"));
        assertThat(module.slots()).anySatisfy(slot -> assertThat(slot.hardware()).isTrue());
    }
}
