package dev.hallmark.fuse.esp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.SecureBootObservation;
import dev.hallmark.sim.esp32.Esp32c3Bench;
import dev.hallmark.sim.esp32.EspTiming;
import dev.hallmark.sim.esp32.SimulatedEsp32c3;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secure boot on a simulated ESP32-C3 over a real pty: the profile's key digest burnt into a free key block with
 * purpose SECURE_BOOT_DIGEST0, write-protected, SECURE_BOOT_EN burnt, and VERIFY confirming it from outside.
 */
class EspSecureBootIT {

    private static final byte[] KEK = new byte[32];
    private static final byte[] DIGEST = new byte[32];
    private static Esp32c3Bench bench;
    private SimulatedEsp32c3 chip;

    @BeforeAll
    static void startBench() throws Exception {
        new Random(7).nextBytes(KEK);
        new Random(11).nextBytes(DIGEST);
        bench = Esp32c3Bench.start(1, KEK, new SecureRandom(), EspTiming.NONE);
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @BeforeEach
    void freshChip() throws Exception {
        chip = bench.replaceDevice(0);
    }

    private EspRomLink open(byte[] digest) throws ProvisioningException {
        return (EspRomLink) new EspLinkFactory(EspLinkOptions.defaults().withSecureBootDigest(digest), Clock.systemUTC())
                .open(new Fixture("F1", chip.path()));
    }

    @Test
    void theDigestIsBurntProtectedAndSecureBootConfirmedFromOutside() throws Exception {
        LockEvidence evidence;
        try (EspRomLink link = open(DIGEST)) {
            link.identify();
            assertThat(link.planEfuses(LockLevel.PERMANENT).lines()).anyMatch(l -> l.startsWith("phase 0  KEY0"))
                    .anyMatch(l -> l.contains("KEY_PURPOSE_0 0x0 -> 0x9")).anyMatch(l -> l.contains("WR_DIS[23]"));
            link.lockDebug(LockLevel.PERMANENT);
            evidence = link.verifyLocked(LockLevel.PERMANENT);
        }
        assertThat(evidence.locked()).as(evidence.observations().toString()).isTrue();
        String detail = String.join("; ", evidence.observations());
        assertThat(SecureBootObservation.confirmedIn(detail)).get().asString()
                .contains("BLOCK_KEY0 reads back " + HexFormat.of().formatHex(DIGEST), "SECURE_BOOT_DIGEST0",
                        "WR_DIS[23] set", "SECURE_BOOT_EN = 1", "secure boot enabled", "refused the unsigned image");
        assertThat(chip.secureBootEnabled()).isTrue();
        assertThat(chip.keyBlock(0)).isEqualTo(EfusePlan.digestWords(DIGEST));
        assertThat(chip.efuse("KEY_PURPOSE_0")).isEqualTo(9);
        assertThat(chip.efuse("WR_DIS") >>> 23 & 1).as("BLOCK_KEY0 write-protected").isEqualTo(1);
        assertThat(chip.efuse("WR_DIS") >>> 8 & 1).as("KEY_PURPOSE_0 write-protected").isEqualTo(1);
        assertThat(chip.efuse("RD_DIS")).as("a digest stays readable").isZero();
    }

    @Test
    void withoutADigestTheLinkSaysNothingOfSecureBootAndLeavesItOff() throws Exception {
        LockEvidence evidence;
        try (EspRomLink link = open(null)) {
            link.identify();
            link.lockDebug(LockLevel.PERMANENT);
            evidence = link.verifyLocked(LockLevel.PERMANENT);
        }
        assertThat(evidence.locked()).isTrue();
        assertThat(SecureBootObservation.confirmedIn(String.join("; ", evidence.observations()))).isEmpty();
        assertThat(chip.secureBootEnabled()).isFalse();
    }

    @Test
    void aChipHoldingAnotherDigestIsRefusedBeforeAnythingIsBurnt() throws Exception {
        byte[] other = DIGEST.clone();
        other[0] ^= 1;
        chip.burnSecureBootDigest(other);
        try (EspRomLink link = open(DIGEST)) {
            link.identify();
            assertThatThrownBy(() -> link.lockDebug(LockLevel.PERMANENT)).isInstanceOf(ProvisioningException.class)
                    .satisfies(e -> assertThat(((ProvisioningException) e).code())
                            .isEqualTo(ErrorCode.DEVICE_SECURE_BOOT_OTHER_DIGEST));
        }
        assertThat(chip.efuse("DIS_PAD_JTAG")).isZero();
        assertThat(chip.secureBootEnabled()).isFalse();
    }

    @Test
    void aDigestAlreadyBurntIsUsedAgainAndConfirmed() throws Exception {
        chip.burnSecureBootDigest(DIGEST);
        LockEvidence evidence;
        try (EspRomLink link = open(DIGEST)) {
            link.identify();
            assertThat(link.planEfuses(LockLevel.PERMANENT).lines()).noneMatch(l -> l.startsWith("phase 0"));
            link.lockDebug(LockLevel.PERMANENT);
            evidence = link.verifyLocked(LockLevel.PERMANENT);
        }
        assertThat(evidence.locked()).as(evidence.observations().toString()).isTrue();
        assertThat(chip.efuse("KEY_PURPOSE_1")).isZero();
    }
}
