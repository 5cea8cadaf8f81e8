package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.records.AuditTrust;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a verification's pin is chosen without a token (decision 0018); the token's part runs in AuditTrustIT. */
class AuditPinsTest {

    private static final String A = "a1".repeat(32);
    private static final String B = "b2".repeat(32);

    @TempDir
    Path tmp;

    @Test
    void withoutTokenPinOrListTheRunIsUnpinnedEvenWithAPinFileInTheDataDirectory() throws Exception {
        Files.writeString(tmp.resolve(StationAuditKey.FINGERPRINT_FILE), A + "\n");
        AuditTrust trust = AuditPins.resolve(new DataDir(tmp), Optional.empty(), "the token is away", List.of(), null);
        assertThat(trust.pinned()).isFalse();
        assertThat(trust.pinLine()).startsWith("pin: unpinned (the token is away").contains("not trusted by itself");
        assertThat(trust.verifier().pinsKeys()).isFalse();
    }

    @Test
    void theAuditorsPinsAndATrustListAreUsedAsGiven() throws Exception {
        AuditTrust pinned = AuditPins.resolve(new DataDir(tmp), Optional.empty(), "away", List.of(A.toUpperCase()), null);
        assertThat(pinned.pin()).isEqualTo(AuditTrust.Pin.AUDITOR);
        assertThat(pinned.pinLine()).isEqualTo("pin: auditor pin (key sha256 " + A + ")");

        Path list = tmp.resolve("trust.list");
        Files.writeString(list, "# plant list\n\nline3-a " + A + "\nline3-b\t" + B + "\n");
        assertThat(AuditPins.trustList(list)).containsOnlyKeys("line3-a", "line3-b")
                .containsEntry("line3-a", Set.of(A));
        AuditTrust listed = AuditPins.resolve(new DataDir(tmp), Optional.empty(), "away", List.of(A), list);
        assertThat(listed.pin()).isEqualTo(AuditTrust.Pin.TRUST_LIST);
        assertThat(listed.pinFindings()).noneMatch(f -> f.kind() == FindingKind.PIN_MISMATCH);
    }

    @Test
    void aBadTrustListOrPinIsRefusedWithItsCode() throws Exception {
        Path list = tmp.resolve("bad.list");
        Files.writeString(list, "line3-a " + A + "\nline3-b not-a-hash\n");
        assertThatThrownBy(() -> AuditPins.trustList(list)).isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("line 2").extracting(e -> ((ProvisioningException) e).code())
                .isEqualTo(ErrorCode.AUDIT_TRUST_LIST_INVALID);
        Files.writeString(list, "# nothing\n");
        assertThatThrownBy(() -> AuditPins.trustList(list)).hasMessageContaining("names no station");
        assertThatThrownBy(() -> AuditPins.resolve(new DataDir(tmp), Optional.empty(), "away", List.of("abc"), null))
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.AUDIT_PIN_INVALID);
    }
}
