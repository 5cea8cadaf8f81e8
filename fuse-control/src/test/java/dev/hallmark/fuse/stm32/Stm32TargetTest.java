package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Stm32TargetTest {

    @Test
    void knowsTheF4KeySlotFromTheIdentityBlobDocument() {
        Stm32Target f4 = Stm32Target.forProductId(0x413).orElseThrow();
        assertThat(f4.family()).isEqualTo("STM32F4");
        assertThat(f4.uidAddress()).isEqualTo(0x1FFF_7A10L);
        assertThat(f4.keySlot()).hasValueSatisfying(slot -> {
            assertThat(slot.address()).isEqualTo(0x080E_0000L);
            assertThat(slot.eraseNumber()).isEqualTo(11);
            assertThat(slot.size()).isEqualTo(128 * 1024);
        });
    }

    @Test
    void knowsOtherFamiliesWithoutKeySlotAndNoUnknownIds() {
        assertThat(Stm32Target.forProductId(0x410)).hasValueSatisfying(t ->
                assertThat(t.uidAddress()).isEqualTo(0x1FFF_F7E8L));
        assertThat(Stm32Target.forProductId(0x415).orElseThrow().keySlot()).isEmpty();
        assertThat(Stm32Target.forProductId(0x999)).isEmpty();
    }
}
