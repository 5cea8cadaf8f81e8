package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_OS_LOCKING_OK;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.SessionLease;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import iaik.pkcs.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The token loses the station's sessions or login underneath it, through the raw PKCS#11 layer; the next
 * operation reconnects (finds the token again, logs in again) and succeeds. A PIN the token refuses is never
 * tried a second time.
 */
class ReconnectIT {

    private static final byte[] DATA = "CSR after a lost session".getBytes(StandardCharsets.UTF_8);

    /** Counts how often the station asks for the PIN; hands out {@link #pin} each time. */
    private static final class CountingPin implements PinSource {
        final AtomicInteger reads = new AtomicInteger();
        volatile char[] pin = SoftHsmFixture.userPin();

        @Override
        public char[] pin() {
            reads.incrementAndGet();
            return pin.clone();
        }
    }

    private static Pkcs11Station open(String label, PinSource pin) throws ProvisioningException {
        return Pkcs11Station.open(SoftHsmFixture.module(), TokenSelector.byLabel(SoftHsmFixture.token(label)), pin, 4);
    }

    private static PKCS11 raw(Pkcs11Station station) {
        return station.module().module().getPKCS11Module();
    }

    private static long slot(Pkcs11Station station) {
        return station.sessions().connection().token().getSlot().getSlotID();
    }

    @Test
    void afterAllSessionsWereClosedUnderneathTheNextSignatureSucceeds() throws Exception {
        CountingPin pin = new CountingPin();
        try (Pkcs11Station station = open("it-reconnect", pin)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle tokenKey = keys.generate(KeySpec.EC_P256, "kept-across", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            KeyHandle sessionKey = keys.generate(KeySpec.EC_P256, "lost-with-session", KeyPolicy.SESSION_WRAP_ONLY);
            assertThat(verifies(tokenKey, DATA, keys.sign(tokenKey, DATA))).isTrue();
            assertThat(pin.reads).hasValue(1);

            raw(station).C_CloseAllSessions(slot(station));

            assertThat(verifies(tokenKey, DATA, keys.sign(tokenKey, DATA))).as("signed after reconnecting").isTrue();
            assertThat(pin.reads).as("logged in again once").hasValue(2);
            assertThat(keys.find("kept-across")).isPresent();
            // the session key died with its session: the unit restarts at KEYGEN (DESIGN.md)
            assertThatThrownBy(() -> keys.sign(sessionKey, DATA)).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_KEY_MISSING));
            assertThat(keys.find("lost-with-session")).isEmpty();
            keys.destroy(sessionKey);   // already gone: nothing to do, no error
            KeyHandle next = keys.generate(KeySpec.EC_P256, "lost-with-session", KeyPolicy.SESSION_WRAP_ONLY);
            assertThat(verifies(next, DATA, keys.sign(next, DATA))).isTrue();
            keys.destroy(next);
            keys.destroy(tokenKey);
            assertThat(pin.reads).hasValue(2);
        }
    }

    @Test
    void afterALogoutUnderneathAKeyIsNotTakenForMissing() throws Exception {
        CountingPin pin = new CountingPin();
        try (Pkcs11Station station = open("it-reconnect", pin)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle tokenKey = keys.generate(KeySpec.EC_P256, "after-logout", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            try (SessionLease lease = station.sessions().lease()) {
                lease.session().logout();
            }
            // logged out, SoftHSM2 hides private objects: a search would find nothing and call the key missing
            assertThat(verifies(tokenKey, DATA, keys.sign(tokenKey, DATA))).isTrue();
            assertThat(pin.reads).hasValue(2);
            try (SessionLease lease = station.sessions().lease()) {
                lease.session().logout();
            }
            assertThat(keys.find("after-logout")).as("found after logging in again").isPresent();
            assertThat(pin.reads).hasValue(3);
            keys.destroy(tokenKey);
        }
    }

    @Test
    void afterTheModuleWasResetUnderneathTheTokenIsFoundAgain() throws Exception {
        CountingPin pin = new CountingPin();
        try (Pkcs11Station station = open("it-reconnect", pin)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle tokenKey = keys.generate(KeySpec.EC_P256, "after-reset", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            // as if the token was pulled and plugged in again: every session, handle and login of this process goes
            PKCS11 raw = raw(station);
            raw.C_Finalize(null);
            CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
            args.flags = CKF_OS_LOCKING_OK;
            raw.C_Initialize(args, true);

            assertThat(verifies(tokenKey, DATA, keys.sign(tokenKey, DATA))).isTrue();
            assertThat(pin.reads).hasValue(2);
            keys.destroy(tokenKey);
            assertThat(keys.find("after-reset")).isEmpty();
        }
    }

    @Test
    void aPinTheTokenRefusesWhenLoggingInAgainIsNeverTriedTwice() throws Exception {
        CountingPin pin = new CountingPin();
        String label = "it-reconnect-pin";
        try (Pkcs11Station station = open(label, pin)) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle tokenKey = keys.generate(KeySpec.EC_P256, "pin-changed", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            // the user PIN is changed behind the station's back; the PIN it holds is now wrong
            try (SessionLease lease = station.sessions().lease()) {
                lease.session().setPIN(SoftHsmFixture.userPin(), "changed-4711".toCharArray());
            }
            raw(station).C_CloseAllSessions(slot(station));

            assertThatThrownBy(() -> keys.sign(tokenKey, DATA)).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT);
                        assertThat(e.rawDetail()).isEqualTo("CKR_PIN_INCORRECT");
                    });
            assertThat(pin.reads).hasValue(2);
            assertThatThrownBy(() -> keys.sign(tokenKey, DATA)).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT);
                        assertThat(e.getMessage()).contains("will not try that PIN again");
                    });
            assertThat(pin.reads).as("the refused PIN was not sent again").hasValue(2);
        }
        // with the new PIN a reopened station works, and puts the old PIN back for the other tests
        CountingPin changed = new CountingPin();
        changed.pin = "changed-4711".toCharArray();
        try (Pkcs11Station station = open(label, changed)) {
            KeyHandle key = station.keyStore().find("pin-changed").orElseThrow();
            assertThat(verifies(key, DATA, station.keyStore().sign(key, DATA))).isTrue();
            try (SessionLease lease = station.sessions().lease()) {
                lease.session().setPIN("changed-4711".toCharArray(), SoftHsmFixture.userPin());
            }
            station.keyStore().destroy(key);
        }
    }
}
