package dev.hallmark.hsm.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyIdsTest {

    @Test
    void idIsTheFirstSixteenBytesOfSha256OverTheUtf8Alias() {
        // printf 'unit-42' | sha256sum ; printf 'Gerät-7' | sha256sum (first 32 hex digits)
        assertThat(KeyIds.hexForAlias("unit-42")).isEqualTo("1684331f5980948519a039af3b31abf2");
        assertThat(HexFormat.of().formatHex(KeyIds.forAlias("Gerät-7"))).isEqualTo("081c2f65f49950b25b42b105a1edddae");
        assertThat(KeyIds.forAlias("unit-42")).hasSize(KeyIds.LENGTH);
    }

    @Test
    void aHexIdMatchesItsAliasInEitherCase() {
        assertThat(KeyIds.matches("unit-42", "1684331f5980948519a039af3b31abf2")).isTrue();
        assertThat(KeyIds.matches("unit-42", "1684331F5980948519A039AF3B31ABF2")).isTrue();
        assertThat(KeyIds.matches("unit-43", "1684331f5980948519a039af3b31abf2")).isFalse();
        assertThat(KeyIds.matches("unit-42", "1684331f5980948519a039af3b31abf")).isFalse();
        assertThat(KeyIds.matches("unit-42", "1684331f5980948519a039af3b31abzz")).isFalse();
        assertThat(KeyIds.matches("unit-42", null)).isFalse();
    }

    @Test
    void differentAliasesGiveDifferentIds() {
        assertThat(KeyIds.forAlias("unit-1")).isNotEqualTo(KeyIds.forAlias("unit-2"));
    }

    @Test
    void blankAliasIsRefused() {
        assertThatThrownBy(() -> KeyIds.forAlias(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyIds.forAlias(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
