package dev.hallmark.hsm.info;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MechanismsTest {

    @Test
    void definedFlagsAreNamedInOrder() {
        assertThat(Mechanisms.flagNames(0x200 | 0x100 | 0x1)).containsExactly("hw", "encrypt", "decrypt");
        assertThat(Mechanisms.definedOnly(0x300)).isTrue();
        assertThat(Mechanisms.definedOnly(0x80000000L | 0x2)).as("CKF_EXTENSION, CKF_MESSAGE_ENCRYPT").isTrue();
    }

    @Test
    void stackGarbageIsNotDefined() {
        // what the wrapper's uninitialised struct gave for SoftHSM 2.6.1's CKM_AES_CBC_PAD
        assertThat(Mechanisms.definedOnly(0x7f1c1b91fb28L)).isFalse();
    }
}
