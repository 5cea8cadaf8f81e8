package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.attributes;
import static dev.hallmark.hsm.keystore.ItSupport.objects;
import static dev.hallmark.hsm.keystore.ItSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_DERIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_UNEXTRACTABLE;

import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.SessionLease;
import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import iaik.pkcs.pkcs11.wrapper.CK_MECHANISM;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;

/** What the token refuses, asked through the wrapper's raw layer where the high-level API would only say null. */
class RawLayerIT {

    private static CK_ATTRIBUTE[] valueTemplate() {
        CK_ATTRIBUTE value = new CK_ATTRIBUTE();
        value.type = CKA_VALUE;
        return new CK_ATTRIBUTE[] {value};
    }

    private static CK_MECHANISM wrapPad() {
        CK_MECHANISM mechanism = new CK_MECHANISM();
        mechanism.mechanism = CKM_AES_KEY_WRAP_PAD;
        return mechanism;
    }

    @Test
    void tokenPrivateKeyValueIsSensitive() throws Exception {
        try (Pkcs11Station station = open("it-raw")) {
            KeyHandle key = station.keyStore().generate(KeySpec.EC_P256, "raw-token", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            long privateKey = objects(station, CKO_PRIVATE_KEY, key.idBytes())[0];
            var flags = attributes(station, privateKey, CKA_TOKEN, CKA_SENSITIVE, CKA_EXTRACTABLE,
                    CKA_NEVER_EXTRACTABLE, CKA_SIGN);
            assertThat(flags.token()).isTrue();
            assertThat(flags.sensitive()).isTrue();
            assertThat(flags.extractable()).isFalse();
            assertThat(flags.neverExtractable()).isTrue();
            assertThat(flags.sign()).isTrue();
            try (SessionLease lease = station.sessions().lease()) {
                Session session = lease.session();
                PKCS11 raw = session.getModule().getPKCS11Module();
                assertThatThrownBy(() -> raw.C_GetAttributeValue(session.getSessionHandle(), privateKey,
                        valueTemplate(), true)).isInstanceOfSatisfying(PKCS11Exception.class,
                                e -> assertThat(e.getErrorCode()).isEqualTo(CKR_ATTRIBUTE_SENSITIVE));
            }
        }
    }

    @Test
    void tokenPrivateKeyCannotBeWrappedWhileASessionKeyCan() throws Exception {
        try (Pkcs11Station station = open("it-raw")) {
            KeyHandle tokenKey = station.keyStore().generate(KeySpec.EC_P256, "raw-kept", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            KeyHandle sessionKey = station.keyStore().generate(KeySpec.EC_P256, "raw-injected", KeyPolicy.SESSION_WRAP_ONLY);
            long tokenPrivate = objects(station, CKO_PRIVATE_KEY, tokenKey.idBytes())[0];
            long sessionPrivate = objects(station, CKO_PRIVATE_KEY, sessionKey.idBytes())[0];
            var flags = attributes(station, sessionPrivate, CKA_TOKEN, CKA_SENSITIVE, CKA_EXTRACTABLE);
            assertThat(flags.token()).isFalse();
            assertThat(flags.sensitive()).isTrue();
            assertThat(flags.extractable()).isTrue();
            try (SessionLease lease = station.sessions().lease()) {
                Session session = lease.session();
                PKCS11 raw = session.getModule().getPKCS11Module();
                long wrappingKey = session.generateKey(new Mechanism(CKM_AES_KEY_GEN), AttributeVector.newAESSecretKey()
                        .token(false).valueLen(32).wrap(true).sensitive(true).extractable(false));
                try {
                    assertThatThrownBy(() -> raw.C_WrapKey(session.getSessionHandle(), wrapPad(), wrappingKey,
                            tokenPrivate, true)).isInstanceOfSatisfying(PKCS11Exception.class,
                                    e -> assertThat(e.getErrorCode()).isEqualTo(CKR_KEY_UNEXTRACTABLE));
                    byte[] wrapped = raw.C_WrapKey(session.getSessionHandle(), wrapPad(), wrappingKey, sessionPrivate, true);
                    assertThat(wrapped).hasSizeGreaterThan(64);
                } finally {
                    session.destroyObject(wrappingKey);
                }
            }
            station.keyStore().destroy(sessionKey);
        }
    }

    @Test
    void transportKekIsSensitiveAndOnlyDerives() throws Exception {
        try (Pkcs11Station station = open("it-raw")) {
            station.importTransportKek(new byte[32]);
            try (SessionLease lease = station.sessions().lease()) {
                Session session = lease.session();
                long kek = TokenKek.find(session).orElseThrow();
                var flags = session.getAttrValues(kek, CKA_TOKEN, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_DERIVE);
                assertThat(flags.token()).isTrue();
                assertThat(flags.sensitive()).isTrue();
                assertThat(flags.extractable()).isFalse();
                assertThat(flags.derive()).isTrue();
                assertThat(session.getAttrValues(kek, CKA_VALUE).value()).as("high-level API hides it").isNull();
                PKCS11 raw = session.getModule().getPKCS11Module();
                assertThatThrownBy(() -> raw.C_GetAttributeValue(session.getSessionHandle(), kek, valueTemplate(), true))
                        .isInstanceOfSatisfying(PKCS11Exception.class,
                                e -> assertThat(e.getErrorCode()).isEqualTo(CKR_ATTRIBUTE_SENSITIVE));
            }
        }
    }
}
