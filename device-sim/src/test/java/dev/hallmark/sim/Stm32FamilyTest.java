package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Stm32FamilyTest {

    @Test
    void f4HasTwelveSectorsAndItsKeySlotInSector11() {
        Stm32Family f4 = Stm32Family.F4;
        assertThat(f4.productId()).isEqualTo(0x413);
        assertThat(f4.flashSize()).isEqualTo(1 << 20);
        assertThat(f4.sectorCount()).isEqualTo(12);
        assertThat(f4.sectorSize(4)).isEqualTo(64 * 1024);
        assertThat(f4.keySlotSector()).contains(11);
        assertThat(f4.keySlotAddress()).isEqualTo(0x080E_0000L);
        assertThat(f4.sectorSize(11)).isEqualTo(128 * 1024);
        assertThat(f4.sectorAt(0x0E_0000)).isEqualTo(11);
        assertThat(f4.sectorAt(0x0C_0000 - 1)).isEqualTo(9);
        assertThat(f4.uidAddress()).isEqualTo(0x1FFF_7A10L);
    }

    @Test
    void otherFamiliesHaveTheirIdsAndUidAddresses() {
        assertThat(Stm32Family.F1.productId()).isEqualTo(0x410);
        assertThat(Stm32Family.F1.uidAddress()).isEqualTo(0x1FFF_F7E8L);
        assertThat(Stm32Family.F1.flashSize()).isEqualTo(128 * 1024);
        assertThat(Stm32Family.L4.productId()).isEqualTo(0x415);
        assertThat(Stm32Family.L4.uidAddress()).isEqualTo(0x1FFF_7590L);
        assertThat(Stm32Family.L4.keySlotSector()).isEmpty();
    }

    @Test
    void mapsRdpBytesToLevels() {
        assertThat(Stm32Family.F4.readoutLevel(0xAA)).isZero();
        assertThat(Stm32Family.F4.readoutLevel(0x55)).isEqualTo(1);
        assertThat(Stm32Family.F4.readoutLevel(0xCC)).isEqualTo(2);
        assertThat(Stm32Family.F1.readoutLevel(0xA5)).isZero();
        assertThat(Stm32Family.F1.readoutLevel(0xCC)).isEqualTo(1);
    }

    @Test
    void parsesSimulatorTargetNames() {
        assertThat(Stm32Family.ofTarget("stm32f4")).contains(Stm32Family.F4);
        assertThat(Stm32Family.ofTarget("esp32c3")).isEmpty();
    }
}
