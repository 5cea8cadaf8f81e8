package dev.hallmark.engine.conformity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.api.Conformity;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import java.util.Optional;
import dev.hallmark.engine.port.KeyAttributes;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConformityEvidenceTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final DeviceUid UID = DeviceUid.of(java.util.HexFormat.of().parseHex("0102030405060708090a0b0c"));
    private final ProductProfile profile = new ProductProfile("p", "STM32F4", KeySpec.EC_P256, KeyCustody.INJECTED,
            LockLevel.READOUT_PROTECTED, "P-", "Org", Duration.ofDays(365))
            .withConformity(Conformity.of(ConformityClass.CLASS_2));
    private final StationCapabilities parts = new StationCapabilities("TPM", true, true, null,
            StationCapabilities.SecureBootSupport.absent("no fuse"), true, true);

    private ConformityEvidence evidence(AttestingKeyStore keys) {
        return new ConformityEvidence(null, null, keys, profile, parts, List.of(), PasswordHasher.forTests(new SecureRandom()),
                new SecureRandom(), Clock.fixed(T, ZoneOffset.UTC), serial -> unit());
    }

    private static List<StepEvent> journal(Step... done) {
        return java.util.Arrays.stream(done).map(s -> new StepEvent(s, StepStatus.DONE, T, s + " detail")).toList();
    }

    private static UnitRecord unit() {
        return new UnitRecord(7, "L", "P-1", UID.hex(), "STM32F4", UnitResult.PASS, null, null, null, null, "ab", "st",
                "F1", T, T);
    }

    @Test
    void secureBootIsSatisfiedOnlyWhenTheLinkCanAndVerifyConfirmedIt() throws Exception {
        var capable = new StationCapabilities("TPM", true, true, null,
                new StationCapabilities.SecureBootSupport(true, true, "the link burns and confirms"), true, true);
        ConformityEvidence withLink = new ConformityEvidence(null, null, new AttestingKeyStore(new GeneratingStore(),
                k -> null), profile, capable, List.of(), PasswordHasher.forTests(new SecureRandom()), new SecureRandom(),
                Clock.fixed(T, ZoneOffset.UTC), serial -> unit());
        UnitOutcome pass = new UnitOutcome("F1", "P-1", UID, UnitResult.PASS, null, null, null, "ab", Duration.ZERO);
        List<StepEvent> confirmed = List.of(new StepEvent(Step.VERIFY, StepStatus.DONE, T,
                "SECURE_BOOT_EN = 0x1; after the reboot: 0 bytes; SECURE_BOOT confirmed: BLOCK_KEY0 reads back ab"));
        List<StepEvent> refused = List.of(new StepEvent(Step.VERIFY, StepStatus.DONE, T,
                "after the reboot; SECURE_BOOT NOT confirmed: SECURE_BOOT_EN = 0"));

        ControlEvidence yes = secureBoot(withLink.collect(unit(), pass, confirmed));
        ControlEvidence no = secureBoot(withLink.collect(unit(), pass, refused));
        ControlEvidence silent = secureBoot(withLink.collect(unit(), pass, journal(Step.VERIFY)));

        assertThat(yes.satisfied()).isTrue();
        assertThat(yes.evidence()).isEqualTo("BLOCK_KEY0 reads back ab");
        assertThat(no.satisfied()).isFalse();
        assertThat(no.evidence()).isEqualTo("SECURE_BOOT_EN = 0");
        assertThat(silent.satisfied()).isFalse();
        assertThat(silent.evidence()).contains("did not confirm");
    }

    private static ControlEvidence secureBoot(List<ControlEvidence> controls) {
        return controls.stream().filter(c -> c.control().equals("SECURE_BOOT")).findFirst().orElseThrow();
    }

    @Test
    void aPassedUnitCarriesEveryControlWithItsEvidence() throws Exception {
        var read = new KeyAttributes("SoftHSM 'hallmark' (software)", false, true, true, true, true, false, false);
        AttestingKeyStore attesting = new AttestingKeyStore(new GeneratingStore(), k -> read);
        attesting.generate(KeySpec.EC_P256, "dev-" + UID.hex(), KeyPolicy.SESSION_WRAP_ONLY);
        UnitOutcome pass = new UnitOutcome("F1", "P-1", UID, UnitResult.PASS, null, null, null, "ab", Duration.ZERO);
        Map<String, ControlEvidence> controls = evidence(attesting).collect(unit(), pass,
                        journal(Step.CLAIM, Step.KEYGEN, Step.INSTALL, Step.LOCK, Step.VERIFY)).stream()
                .collect(Collectors.toMap(ControlEvidence::control, c -> c));
        assertThat(controls.keySet()).containsExactlyInAnyOrder("CLASS_PREREQUISITES", "UNIQUE_IDENTITY",
                "KEY_GENERATED_IN_TOKEN", "DEBUG_LOCKED", "NO_DEFAULT_PASSWORD", "KEY_IN_HARDWARE", "SECURE_BOOT");
        assertThat(controls.get("KEY_GENERATED_IN_TOKEN").satisfied()).isTrue();
        assertThat(controls.get("KEY_GENERATED_IN_TOKEN").evidence()).contains("CKA_LOCAL=true", "CKA_SENSITIVE=true");
        assertThat(controls.get("KEY_IN_HARDWARE").satisfied()).isFalse();
        assertThat(controls.get("SECURE_BOOT").evidence()).isEqualTo("no fuse");
        assertThat(controls.get("DEBUG_LOCKED").evidence()).contains("VERIFY detail");
        assertThat(controls.get("NO_DEFAULT_PASSWORD").evidence()).contains("$pbkdf2-sha256$i=10000$");
        assertThat(controls.get("CLASS_PREREQUISITES").evidence()).startsWith("Class 2 claimed by profile p");
    }

    @Test
    void aFailedUnitShowsWhichControlsWereNotReached() {
        UnitOutcome failed = new UnitOutcome("F1", "P-1", UID, UnitResult.FAILED, Step.LOCK, ErrorCode.DEVICE_NACK,
                "nack", "ab", Duration.ZERO);
        Map<String, ControlEvidence> controls = evidence(new AttestingKeyStore(null, k -> null)).collect(unit(), failed,
                        journal(Step.CLAIM, Step.KEYGEN)).stream()
                .collect(Collectors.toMap(ControlEvidence::control, c -> c));
        assertThat(controls.get("DEBUG_LOCKED").satisfied()).isFalse();
        assertThat(controls.get("NO_DEFAULT_PASSWORD").satisfied()).isFalse();
        assertThat(controls.get("KEY_GENERATED_IN_TOKEN").satisfied()).isFalse();
        assertThat(controls.get("KEY_GENERATED_IN_TOKEN").evidence()).contains("no key generated by this station");
    }

    /** Hands out key handles without a token: enough for the attribute read-back to be keyed by alias. */
    private static final class GeneratingStore implements DeviceKeyStore {
        @Override
        public KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) {
            return new KeyHandle(alias, "01", "test", spec, policy, null);
        }

        @Override
        public Optional<KeyHandle> find(String alias) {
            return Optional.empty();
        }

        @Override
        public byte[] sign(KeyHandle key, byte[] data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void attachCertificate(KeyHandle key, java.security.cert.X509Certificate certificate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroy(KeyHandle key) {
        }
    }
}
