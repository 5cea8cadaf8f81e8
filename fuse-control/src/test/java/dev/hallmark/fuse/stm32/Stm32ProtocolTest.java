package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Stm32ProtocolTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    @Test
    void commandsCarryTheirComplement() {
        assertThat(hex(Stm32Protocol.command(Stm32Protocol.READ_MEMORY))).isEqualTo("11EE");
        assertThat(hex(Stm32Protocol.command(Stm32Protocol.READOUT_PROTECT))).isEqualTo("827D");
        assertThat(hex(Stm32Protocol.command(Stm32Protocol.GET))).isEqualTo("00FF");
    }

    @Test
    void addressesAreBigEndianWithXorChecksum() {
        assertThat(hex(Stm32Protocol.address(0x0800_0000L))).isEqualTo("0800000008");
        assertThat(hex(Stm32Protocol.address(0x1FFF_7A10L))).isEqualTo("1FFF7A108A");
    }

    @Test
    void lengthsAndWriteFramesUseNMinusOne() {
        assertThat(hex(Stm32Protocol.readLength(256))).isEqualTo("FF00");
        assertThat(hex(Stm32Protocol.readLength(12))).isEqualTo("0BF4");
        assertThat(hex(Stm32Protocol.writeFrame(new byte[] {1, 2, 4, 8}))).isEqualTo("03010204080C");
        assertThatThrownBy(() -> Stm32Protocol.readLength(257)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eraseFramesListSectorsWithChecksum() {
        assertThat(hex(Stm32Protocol.extendedEraseFrame(11))).isEqualTo("0000000B0B");
        assertThat(hex(Stm32Protocol.extendedEraseFrame(1, 2))).isEqualTo("00010001000202");
        assertThat(hex(Stm32Protocol.eraseFrame(3))).isEqualTo("000303");
    }

    @Test
    void namesCommandsAndReplies() {
        assertThat(Stm32Protocol.name(0x44)).isEqualTo("EXTENDED_ERASE");
        assertThat(Stm32Protocol.name(0x55)).isEqualTo("command 0x55");
        assertThat(Stm32Protocol.describe(0x1F)).isEqualTo("NACK 0x1F");
        assertThat(Stm32Protocol.describe(0xA5)).isEqualTo("0xA5");
    }
}
