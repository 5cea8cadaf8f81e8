package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.open;
import static dev.hallmark.hsm.keystore.ItSupport.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TRUSTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_WRAP;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_ECB_ENCRYPT_DATA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ACTION_PROHIBITED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_READ_ONLY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_FUNCTION_NOT_PERMITTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_NOT_WRAPPABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_UNEXTRACTABLE;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.SessionLease;
import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import iaik.pkcs.pkcs11.wrapper.CK_MECHANISM;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Functions;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.KEY_DERIVATION_STRING_DATA;

/**
 * Proof of custody through the raw PKCS#11 layer, on a station token as the demo sets it up (CA keys and their
 * certificates, the transport KEK) while a unit with injected custody runs: no private or secret value can be
 * read, no token key can be wrapped, the device key is wrapped once under its own transport key and then by
 * nothing, and after the unit nothing of it is left. The last test pins down what SoftHSM2 cannot enforce.
 */
class CustodyProofIT {

    private static final String TOKEN = "it-custody";
    private static final DeviceUid UID = DeviceUid.ofHex("3a0041000d51333236353838");
    private static final byte[] CSR = "CertificationRequestInfo".getBytes(StandardCharsets.UTF_8);

    /** The station's own objects: CA key pairs with their certificates, and the KEK. */
    private static final Set<String> STATION_OBJECTS = Set.of("private:ca-root", "public:ca-root",
            "certificate:ca-root", "private:ca-issuing", "public:ca-issuing", "certificate:ca-issuing",
            "secret:hallmark-transport-kek");

    @BeforeEach
    void stationWithItsCaAndKek() throws Exception {
        try (Pkcs11Station station = open(TOKEN)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            for (String alias : List.of("ca-root", "ca-issuing")) {
                if (keys.find(alias).isEmpty()) {
                    KeySpec spec = alias.equals("ca-root") ? KeySpec.EC_P256 : KeySpec.RSA_2048;
                    KeyHandle key = keys.generate(spec, alias, KeyPolicy.TOKEN_NON_EXTRACTABLE);
                    keys.attachCertificate(key, ItSupport.selfSigned(keys, key));
                }
            }
            byte[] kek = new byte[32];
            new SecureRandom().nextBytes(kek);
            station.importTransportKek(kek);
        }
    }

    private static CK_ATTRIBUTE[] template(long type) {
        CK_ATTRIBUTE attribute = new CK_ATTRIBUTE();
        attribute.type = type;
        return new CK_ATTRIBUTE[] {attribute};
    }

    private static CK_MECHANISM wrapPad() {
        CK_MECHANISM mechanism = new CK_MECHANISM();
        mechanism.mechanism = CKM_AES_KEY_WRAP_PAD;
        return mechanism;
    }

    private static long ckr(ThrowingCall call) {
        try {
            call.run();
        } catch (PKCS11Exception e) {
            return e.getErrorCode();
        } catch (org.xipki.pkcs11.wrapper.PKCS11Exception e) {
            return e.getErrorCode();
        }
        throw new AssertionError("the token allowed it");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws PKCS11Exception, org.xipki.pkcs11.wrapper.PKCS11Exception;
    }

    /** A wrapping key any holder of the user PIN could make in this process. */
    private static long attackerWrapKey(Session s) throws org.xipki.pkcs11.wrapper.PKCS11Exception {
        return s.generateKey(new Mechanism(CKM_AES_KEY_GEN), AttributeVector.newAESSecretKey().token(false)
                .valueLen(32).wrap(true).unwrap(true).sensitive(false).extractable(true));
    }

    /** "class:label" of every object the logged-in station sees, token and session objects alike. */
    private static Set<String> allObjects(Session s) throws org.xipki.pkcs11.wrapper.PKCS11Exception {
        Set<String> names = new HashSet<>();
        for (long handle : s.findObjectsSingle(new AttributeVector(), 1000)) {
            AttributeVector attributes = s.getAttrValues(handle, CKA_CLASS, CKA_LABEL);
            long objectClass = attributes.class_();
            String kind = objectClass == CKO_PRIVATE_KEY ? "private" : objectClass == CKO_PUBLIC_KEY ? "public"
                    : objectClass == CKO_SECRET_KEY ? "secret" : objectClass == CKO_CERTIFICATE ? "certificate"
                    : "class-" + objectClass;
            names.add(kind + ":" + attributes.label());
        }
        return names;
    }

    @Test
    void noPrivateOrSecretValueCanBeReadAndNoTokenKeyCanBeWrapped() throws Exception {
        try (Pkcs11Station station = open(TOKEN)) {
            KeyHandle device = station.keyStore().generate(KeySpec.EC_P256, "dev-" + UID.hex(),
                    KeyPolicy.SESSION_WRAP_ONLY);
            try (SessionLease lease = station.sessions().lease()) {
                Session s = lease.session();
                PKCS11 raw = s.getModule().getPKCS11Module();
                long attacker = attackerWrapKey(s);
                long kek = TokenKek.find(s).orElseThrow();
                int privateValues = 0;
                int tokenKeys = 0;
                try {
                    for (long handle : s.findObjectsSingle(new AttributeVector(), 1000)) {
                        long objectClass = s.getAttrValues(handle, CKA_CLASS).class_();
                        if ((objectClass != CKO_PRIVATE_KEY && objectClass != CKO_SECRET_KEY) || handle == attacker) {
                            continue;
                        }
                        AttributeVector flags = s.getAttrValues(handle, CKA_TOKEN, CKA_SENSITIVE, CKA_KEY_TYPE, CKA_LABEL);
                        assertThat(flags.sensitive()).as("%s sensitive", flags.label()).isTrue();
                        long secret = flags.keyType() == CKK_RSA ? CKA_PRIVATE_EXPONENT : CKA_VALUE;
                        assertThat(ckr(() -> raw.C_GetAttributeValue(s.getSessionHandle(), handle, template(secret),
                                true))).as("reading the value of %s", flags.label()).isEqualTo(CKR_ATTRIBUTE_SENSITIVE);
                        privateValues++;
                        if (Boolean.TRUE.equals(flags.token())) {
                            assertThat(ckr(() -> raw.C_WrapKey(s.getSessionHandle(), wrapPad(), attacker, handle, true)))
                                    .as("wrapping %s", flags.label()).isEqualTo(CKR_KEY_UNEXTRACTABLE);
                            if (handle != kek) {
                                assertThat(ckr(() -> raw.C_WrapKey(s.getSessionHandle(), wrapPad(), kek, handle, true)))
                                        .as("wrapping %s under the KEK", flags.label())
                                        .isEqualTo(CKR_KEY_FUNCTION_NOT_PERMITTED);
                            }
                            tokenKeys++;
                        }
                    }
                } finally {
                    s.destroyObject(attacker);
                }
                assertThat(privateValues).as("CA keys, KEK and the device key").isEqualTo(4);
                assertThat(tokenKeys).as("CA keys and KEK").isEqualTo(3);
            }
            station.keyStore().destroy(device);
        }
    }

    @Test
    void theInjectedKeyIsWrappedOnceUnderItsTransportKeyAndThenByNothing() throws Exception {
        try (Pkcs11Station station = open(TOKEN)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle device = keys.generate(KeySpec.EC_P256, "dev-" + UID.hex(), KeyPolicy.SESSION_WRAP_ONLY);
            try (SessionLease lease = station.sessions().lease()) {
                Session s = lease.session();
                PKCS11 raw = s.getModule().getPKCS11Module();
                long kek = TokenKek.find(s).orElseThrow();
                long privateKey = ItSupport.objects(station, CKO_PRIVATE_KEY, device.idBytes())[0];
                // the KEK only derives: it cannot wrap, and it cannot be changed or copied into a key that can
                assertThat(ckr(() -> raw.C_WrapKey(s.getSessionHandle(), wrapPad(), kek, privateKey, true)))
                        .isEqualTo(CKR_KEY_FUNCTION_NOT_PERMITTED);
                assertThat(ckr(() -> s.setAttributeValues(kek, new AttributeVector().wrap(true))))
                        .isEqualTo(CKR_ACTION_PROHIBITED);
                assertThat(ckr(() -> s.copyObject(kek, new AttributeVector().wrap(true))))
                        .isEqualTo(CKR_ACTION_PROHIBITED);
                assertThat(s.getAttrValues(kek, CKA_WRAP).wrap()).isFalse();
            }

            byte[] wrapped = keys.wrapForDevice(device, UID);
            assertThat(wrapped).hasSizeGreaterThan(64);

            try (SessionLease lease = station.sessions().lease()) {
                Session s = lease.session();
                PKCS11 raw = s.getModule().getPKCS11Module();
                long privateKey = ItSupport.objects(station, CKO_PRIVATE_KEY, device.idBytes())[0];
                assertThat(s.getAttrValues(privateKey, CKA_EXTRACTABLE).extractable()).isFalse();
                long attacker = attackerWrapKey(s);
                long kek = TokenKek.find(s).orElseThrow();
                long ownTransportKey = s.deriveKey(new Mechanism(CKM_AES_ECB_ENCRYPT_DATA,
                        new KEY_DERIVATION_STRING_DATA(TransportKeyDerivation.derivationData(UID.bytes()))), kek,
                        TokenKek.transportKeyTemplate());
                try {
                    assertThat(ckr(() -> raw.C_WrapKey(s.getSessionHandle(), wrapPad(), attacker, privateKey, true)))
                            .as("another AES key").isEqualTo(CKR_KEY_UNEXTRACTABLE);
                    assertThat(ckr(() -> raw.C_WrapKey(s.getSessionHandle(), wrapPad(), ownTransportKey, privateKey,
                            true))).as("its transport key, a second time").isEqualTo(CKR_KEY_UNEXTRACTABLE);
                    assertThat(ckr(() -> s.setAttributeValues(privateKey, new AttributeVector().extractable(true))))
                            .as("made extractable again").isEqualTo(CKR_ATTRIBUTE_READ_ONLY);
                } finally {
                    s.destroyObject(attacker);
                    s.destroyObject(ownTransportKey);
                }
            }
            assertThat(keys.wrapForDevice(device, UID)).as("the same device gets the same bytes").isEqualTo(wrapped);
            assertThat(verifies(device, CSR, keys.sign(device, CSR))).as("it still signs").isTrue();
            keys.destroy(device);
        }
    }

    @Test
    void afterTheUnitOnlyTheCaKeysTheKekAndCertificatesRemain() throws Exception {
        try (Pkcs11Station station = open(TOKEN)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle device = keys.generate(KeySpec.EC_P256, "dev-" + UID.hex(), KeyPolicy.SESSION_WRAP_ONLY);
            keys.sign(device, CSR);
            keys.attachCertificate(device, ItSupport.selfSigned(keys, device));
            keys.wrapForDevice(device, UID);
            try (SessionLease lease = station.sessions().lease()) {
                Set<String> during = allObjects(lease.session());
                assertThat(during).containsAll(STATION_OBJECTS).contains("private:dev-" + UID.hex(),
                        "public:dev-" + UID.hex(), "certificate:dev-" + UID.hex()).hasSize(STATION_OBJECTS.size() + 3);
            }

            keys.destroy(device);

            try (SessionLease lease = station.sessions().lease()) {
                Session s = lease.session();
                assertThat(allObjects(s)).as("every object the token holds").isEqualTo(STATION_OBJECTS);
                assertThat(s.findObjectsSingle(new AttributeVector().id(device.idBytes()), 10))
                        .as("anything with the device key's CKA_ID").isEmpty();
                List<Long> classes = new ArrayList<>();
                for (long handle : s.findObjectsSingle(new AttributeVector().token(false), 100)) {
                    classes.add(s.getAttrValues(handle, CKA_CLASS).class_());
                }
                assertThat(classes).as("session objects left").isEmpty();
                assertThat(s.getAttrValues(TokenKek.find(s).orElseThrow(), CKA_ID).id()).isNotEmpty();
            }
        }
    }

    /**
     * What SoftHSM2 cannot enforce, pinned down so that docs/hsm.md stays true: only the security officer may set
     * CKA_TRUSTED, so a transport key derived per unit by the user can never be trusted, and a device key marked
     * CKA_WRAP_WITH_TRUSTED could not be wrapped at all. Until its one wrap, a session key therefore yields to any
     * wrapping key made in this process (session objects are invisible to every other process). The KEK derives
     * keys with a template the caller chooses, so a holder of the user PIN can derive a readable transport key.
     */
    @Test
    void whatTheTokenCannotEnforce() throws Exception {
        try (Pkcs11Station station = open(TOKEN)) {
            try (SessionLease lease = station.sessions().lease()) {
                Session s = lease.session();
                PKCS11 raw = s.getModule().getPKCS11Module();
                long kek = TokenKek.find(s).orElseThrow();
                Mechanism derivation = new Mechanism(CKM_AES_ECB_ENCRYPT_DATA,
                        new KEY_DERIVATION_STRING_DATA(TransportKeyDerivation.derivationData(UID.bytes())));
                assertThat(ckr(() -> s.deriveKey(derivation, kek, TokenKek.transportKeyTemplate()
                        .attr(CKA_TRUSTED, true)))).as("a trusted transport key, as the user")
                        .isEqualTo(CKR_ATTRIBUTE_READ_ONLY);

                KeyPairTemplate trustedOnly = new KeyPairTemplate(org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC)
                        .token(false).id(new byte[] {1}).labels("wrap-with-trusted").signVerify(true);
                trustedOnly.publicKey().ecParams(Functions.encodeOid("1.2.840.10045.3.1.7"));
                trustedOnly.privateKey().sensitive(true).extractable(true).wrapWithTrusted(true);
                PKCS11KeyPair pair = s.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN), trustedOnly);
                long transportKey = s.deriveKey(derivation, kek, TokenKek.transportKeyTemplate());
                long attacker = attackerWrapKey(s);
                KeyHandle device = station.keyStore().generate(KeySpec.EC_P256, "dev-unsealed",
                        KeyPolicy.SESSION_WRAP_ONLY);
                long unsealed = ItSupport.objects(station, CKO_PRIVATE_KEY, device.idBytes())[0];
                long readable = s.deriveKey(derivation, kek, AttributeVector.newAESSecretKey().token(false)
                        .valueLen(32).sensitive(false).extractable(true));
                try {
                    assertThat(ckr(() -> raw.C_WrapKey(s.getSessionHandle(), wrapPad(), transportKey,
                            pair.getPrivateKey(), true))).as("CKA_WRAP_WITH_TRUSTED under a user-derived key")
                            .isEqualTo(CKR_KEY_NOT_WRAPPABLE);
                    assertThat(raw.C_WrapKey(s.getSessionHandle(), wrapPad(), attacker, unsealed, true))
                            .as("a session key before its one wrap").hasSizeGreaterThan(64);
                    assertThat(s.getAttrValues(readable, CKA_VALUE).value()).as("a derived key the caller can read")
                            .hasSize(32);
                } finally {
                    for (long handle : new long[] {pair.getPrivateKey(), pair.getPublicKey(), transportKey, attacker,
                            readable}) {
                        s.destroyObject(handle);
                    }
                    station.keyStore().destroy(device);
                }
            }
        }
    }
}
