package dev.hallmark.engine.conformity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Conformity;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.conformity.StationCapabilities.SecureBootSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassPrerequisitesTest {

    private static final ProductProfile BASE = new ProductProfile("p", "STM32F4", KeySpec.EC_P256, KeyCustody.INJECTED,
            LockLevel.READOUT_PROTECTED, "P-", "Org", Duration.ofDays(365));
    private static final SecureBootSupport SECURE_BOOT = new SecureBootSupport(true, true, "SECURE_BOOT_EN=1, digest ok");
    /** A station that meets every class. */
    private static final StationCapabilities ALL = new StationCapabilities("TPM 'dev' (hardware)", true, true,
            "FIPS 140-3 #4711", SECURE_BOOT, true, true);

    private static ProductProfile claiming(ConformityClass c, LockLevel lock, boolean twoPersons) {
        return new ProductProfile("p", "STM32F4", KeySpec.EC_P256, KeyCustody.ON_DEVICE, lock, "P-", "Org",
                Duration.ofDays(365)).withConformity(new Conformity(c, twoPersons));
    }

    private static String refusal(ProductProfile profile, StationCapabilities parts) {
        try {
            ClassPrerequisites.check(profile, parts);
        } catch (ProvisioningException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFORMITY_PREREQUISITE_UNMET);
            return e.getMessage();
        }
        throw new AssertionError("the class check passed");
    }

    @Test
    void anUnclassifiedProfileNeedsNothing() throws ProvisioningException {
        StationCapabilities nothing = new StationCapabilities("software", false, false, null,
                SecureBootSupport.absent("none"), false, false);
        assertThat(ClassPrerequisites.check(BASE, nothing)).isEmpty();
        assertThat(BASE.conformity()).isEqualTo(Conformity.UNCLASSIFIED);
    }

    @Test
    void everyClassPassesOnAStationThatMeetsIt() throws ProvisioningException {
        assertThat(ClassPrerequisites.check(claiming(ConformityClass.CLASS_3, LockLevel.PERMANENT, true), ALL))
                .hasSize(9).allMatch(Prerequisite::met);
    }

    @Test
    void class1RefusesKeysGeneratedInSoftware() {
        StationCapabilities software = new StationCapabilities("in-memory key store", false, false, null,
                SecureBootSupport.absent("none"), true, true);
        assertThat(refusal(BASE.withConformity(Conformity.of(ConformityClass.CLASS_1)), software))
                .contains("device keys would be generated in software (in-memory key store)");
    }

    @Test
    void class1RefusesALinkThatCannotVerifyTheLockOrReadAUid() {
        StationCapabilities blind = new StationCapabilities("SoftHSM", true, false, null,
                SecureBootSupport.absent("none"), false, false);
        assertThat(refusal(BASE.withConformity(Conformity.of(ConformityClass.CLASS_1)), blind))
                .contains("cannot read a unique device ID").contains("cannot verify the debug lock");
    }

    @Test
    void class2RefusesASoftwareToken() {
        StationCapabilities softhsm = new StationCapabilities("SoftHSM 'hallmark' (software)", true, false, null,
                SECURE_BOOT, true, true);
        assertThat(refusal(claiming(ConformityClass.CLASS_2, LockLevel.READOUT_PROTECTED, false), softhsm))
                .contains("is a software token (no CKF_HW_SLOT)");
    }

    @Test
    void class2RefusesAChipWithoutConfirmedSecureBoot() {
        StationCapabilities noSecureBoot = new StationCapabilities("TPM (hardware)", true, true, null,
                SecureBootSupport.absent("STM32F4 has no secure-boot fuse"), true, true);
        assertThat(refusal(claiming(ConformityClass.CLASS_2, LockLevel.READOUT_PROTECTED, false), noSecureBoot))
                .contains("secure boot cannot be confirmed: STM32F4 has no secure-boot fuse");
        StationCapabilities fuseOnly = new StationCapabilities("TPM (hardware)", true, true, null,
                new SecureBootSupport(true, false, "fuse set, enforcement unknown"), true, true);
        assertThat(refusal(claiming(ConformityClass.CLASS_2, LockLevel.READOUT_PROTECTED, false), fuseOnly))
                .contains("enforcement unknown");
    }

    @Test
    void class3RefusesAnUncertifiedTokenAReversibleLockAndOnePerson() {
        StationCapabilities uncertified = new StationCapabilities("TPM (hardware)", true, true, null, SECURE_BOOT,
                true, true);
        String why = refusal(claiming(ConformityClass.CLASS_3, LockLevel.READOUT_PROTECTED, false), uncertified);
        assertThat(why).contains("no certified cryptographic module is declared")
                .contains("lock level is READOUT_PROTECTED; Class 3 needs PERMANENT")
                .contains("two-person rule is off");
    }

    @Test
    void class3AloneOfTheRulesStillNeedsClass2Parts() {
        StationCapabilities softhsm = new StationCapabilities("SoftHSM (software)", true, false, "FIPS #1",
                SECURE_BOOT, true, true);
        assertThat(refusal(claiming(ConformityClass.CLASS_3, LockLevel.PERMANENT, true), softhsm))
                .contains("software token").doesNotContain("certified");
    }

    @Test
    void conformityOfClass3TurnsTheRuleOn() {
        assertThat(Conformity.of(ConformityClass.CLASS_3).twoPersonRule()).isTrue();
        assertThat(Conformity.of(ConformityClass.CLASS_2).twoPersonRule()).isFalse();
        assertThat(ConformityClass.parse("class-2")).isEqualTo(ConformityClass.CLASS_2);
        assertThatThrownBy(() -> ConformityClass.parse("4")).isInstanceOf(IllegalArgumentException.class);
    }
}
