package dev.hallmark.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinVerifierTest {

    @Test
    void matchesOnlyTheSamePin() {
        PinVerifier verifier = PinVerifier.of("1234-user".toCharArray());
        assertThat(verifier.matches("1234-user".toCharArray())).isTrue();
        assertThat(verifier.matches("1234-User".toCharArray())).isFalse();
        assertThat(verifier.matches("1234-user ".toCharArray())).isFalse();
        assertThat(verifier.matches(new char[0])).isFalse();
    }

    @Test
    void nonAsciiPinsAreEncodedConsistently() {
        PinVerifier verifier = PinVerifier.of("pässwörd".toCharArray());
        assertThat(verifier.matches("pässwörd".toCharArray())).isTrue();
        assertThat(verifier.matches("passwort".toCharArray())).isFalse();
    }
}
