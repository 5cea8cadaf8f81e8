package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.assertVerifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.nss.NssSoftoken;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The station's token work on two PKCS#11 implementations: SoftHSM2 and NSS softoken (Debian libnss3, configured
 * through C_Initialize's LibraryParameters). Key generation (the audit key and CA keys are token keys that sign), a
 * PKCS#10 request signed in the token, a session key wrapped for one device and unwrapped outside under the
 * independently derived transport key, the split-knowledge KEK ceremony (combined inside NSS, which lists
 * CKM_XOR_BASE_AND_DATA; in one zeroed array on SoftHSM2, which does not) and the wrapped import (RSA-OAEP with SHA-1
 * on SoftHSM2 2.6.1, SHA-256 on NSS), each KEK's KCVs checked against the JDK's.
 */
class SecondModuleIT {

    private static final DeviceUid UID = DeviceUid.ofHex("3a0041000d51333236353838");
    private static final byte[] DATA = "signed in the token".getBytes(StandardCharsets.UTF_8);
    private static final char[] NSS_PIN = "nss-4711-pin".toCharArray();

    static Stream<Arguments> modules() {
        return Stream.of(Arguments.of("softhsm2"), Arguments.of("nss-softoken"));
    }

    private static Pkcs11Station open(String module, String label) throws Exception {
        if (module.equals("softhsm2")) {
            return Pkcs11Station.open(SoftHsmFixture.module(), SoftHsmFixture.token(label), SoftHsmFixture.userPin());
        }
        Path lib = NssSoftoken.module().orElse(null);
        assumeThat(lib).as("libnss3's libsoftokn3.so").isNotNull();
        Path db = SoftHsmFixture.dataDir().resolveSibling("nss-" + label);
        NssSoftoken.initialize(lib, db, NSS_PIN);
        return Pkcs11Station.open(lib, NssSoftoken.TOKEN_LABEL, NSS_PIN.clone());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void tokenKeysSignAndSignARequest(String module) throws Exception {
        try (Pkcs11Station station = open(module, "second-sign")) {
            KeyHandle audit = station.keyStore().generate(KeySpec.EC_P256, "audit-" + module,
                    KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertVerifies(audit.publicKey(), DATA, station.keyStore().sign(audit, DATA));
            assertThat(station.keyStore().find("audit-" + module)).isPresent();

            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=HM-F4-000001,O=Hallmark IT"), audit.publicKey())
                    .build(new TokenContentSigner(station.keyStore(), audit));
            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(audit.publicKey()))).isTrue();
            station.keyStore().destroy(audit);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void aSessionKeyIsWrappedForOneDeviceUnderTheCeremonysKek(String module) throws Exception {
        String c1 = randomHex();
        String c2 = randomHex();
        try (Pkcs11Station station = open(module, "second-wrap")) {
            station.keks().retire(dev.hallmark.engine.api.KekOrigin.PRODUCTION);
            KekFacts facts;
            try (KekSplitImport split = station.keks().split()) {
                assertThat(split.combinesInToken()).as("SoftHSM2 2.6.1 lists no CKM_XOR_BASE_AND_DATA")
                        .isEqualTo(!module.equals("softhsm2") && split.combinesInToken());
                String[] kcv1 = split.add(HexFormat.of().parseHex(c1));
                assertThat(kcv1[0]).isEqualTo(kcvEcb(HexFormat.of().parseHex(c1)));
                split.add(HexFormat.of().parseHex(c2));
                facts = split.finish("2026-12-08T00:00:00Z", "alice, bob", "test");
            }
            byte[] kek = xor(HexFormat.of().parseHex(c1), HexFormat.of().parseHex(c2));
            assertThat(facts.kcvEcb()).isEqualTo(kcvEcb(kek));
            KekFacts listed = station.keks().find(dev.hallmark.engine.api.KekOrigin.PRODUCTION).orElseThrow();
            if (module.equals("softhsm2")) {
                assertThat(listed).extracting(KekFacts::kcvEcb, KekFacts::by).containsExactly(kcvEcb(kek), "alice, bob");
            } else {
                // NSS softoken keeps no CKO_DATA objects (CKR_ATTRIBUTE_VALUE_INVALID): the KEK is there, its facts
                // only in the action log (docs/hsm.md)
                assertThat(listed.kcvEcb()).isNull();
            }

            station.keyStore().useTransportKek(facts.identity());
            KeyHandle key = station.keyStore().generate(KeySpec.EC_P256, "dev-" + UID.hex(), KeyPolicy.SESSION_WRAP_ONLY);
            if (module.equals("nss-softoken")) {
                // NSS's CKM_AES_KEY_WRAP_PAD is RFC 3394 + PKCS#7 (no device reads it), and its CKM_AES_KEY_WRAP_KWP
                // answers CKR_BUFFER_TOO_SMALL through the wrapper: refused, never a blob in another format
                assertThatThrownBy(() -> station.keyStore().wrapForDevice(key, UID))
                        .isInstanceOf(dev.hallmark.engine.api.ProvisioningException.class);
                station.keyStore().destroy(key);
                return;
            }
            byte[] wrapped = station.keyStore().wrapForDevice(key, UID);
            PrivateKey unwrapped = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    cutAtDerLength(unwrapOutside(transportKey(kek, UID), wrapped))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(unwrapped);
            signer.update(DATA);
            assertVerifies(key.publicKey(), DATA, signer.sign());
            assertThat(station.keyStore().transportKek()).get().extracting(k -> k.kcv()).isEqualTo(kcvEcb(kek));
            assertThat(station.keyStore().transportKek().get().evidence()).contains("kek-origin=production");
            station.keyStore().destroy(key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void theVendorsWrappedKekIsUnwrappedInTheTokenWithTheKcvTheVendorComputes(String module) throws Exception {
        try (Pkcs11Station station = open(module, "second-import")) {
            station.keks().retire(dev.hallmark.engine.api.KekOrigin.PRODUCTION);
            PublicKey importKey = station.keks().importKey();
            assertThat(station.keks().importKey()).as("made once").isEqualTo(importKey);
            byte[] kek = new byte[32];
            new SecureRandom().nextBytes(kek);
            String hash = module.equals("softhsm2") ? "sha1" : "sha256";
            MGF1ParameterSpec mgf = hash.equals("sha1") ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256;
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, importKey, new OAEPParameterSpec(hash.equals("sha1") ? "SHA-1" : "SHA-256",
                    "MGF1", mgf, PSource.PSpecified.DEFAULT));
            byte[] wrapped = oaep.doFinal(kek);

            KekFacts facts = station.keks().importWrapped(wrapped, hash, "2026-12-08T00:00:00Z", "vendor");

            assertThat(facts.kcvEcb()).isEqualTo(kcvEcb(kek));
            assertThat(facts.how()).contains("unwrapped in the token");
        }
    }

    private static String randomHex() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static String kcvEcb(byte[] key) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return HexFormat.of().withUpperCase().formatHex(aes.doFinal(new byte[16]), 0, 3);
    }

    private static byte[] transportKey(byte[] kek, DeviceUid uid) throws Exception {
        String u = uid.hex();
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
        return aes.doFinal(HexFormat.of().parseHex(u + "484d5400" + u + "484d5401"));
    }

    private static byte[] unwrapOutside(byte[] transportKey, byte[] wrapped) throws Exception {
        Cipher wrap = Cipher.getInstance("AESWRAPPAD", new BouncyCastleProvider());
        wrap.init(Cipher.DECRYPT_MODE, new SecretKeySpec(transportKey, "AES"));
        return wrap.doFinal(wrapped);
    }

    private static byte[] cutAtDerLength(byte[] plain) {
        int first = plain[1] & 0xff;
        int length = first < 0x80 ? 2 + first
                : first == 0x81 ? 3 + (plain[2] & 0xff)
                : 4 + ((plain[2] & 0xff) << 8 | (plain[3] & 0xff));
        return Arrays.copyOf(plain, length);
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
