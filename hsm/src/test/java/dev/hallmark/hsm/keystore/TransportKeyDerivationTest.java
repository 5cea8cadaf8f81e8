package dev.hallmark.hsm.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TransportKeyDerivationTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void twelveByteUidGivesTheLayoutOfTheIdentityBlobDocument() {
        byte[] uid = HEX.parseHex("0102030405060708090a0b0c");
        // U || 'H' 'M' 'T' || 0x00 || U || 'H' 'M' 'T' || 0x01
        assertThat(HEX.formatHex(TransportKeyDerivation.derivationData(uid))).isEqualTo(
                "0102030405060708090a0b0c" + "484d54" + "00" + "0102030405060708090a0b0c" + "484d54" + "01");
    }

    @Test
    void shortUidIsZeroPaddedToTwelveBytes() {
        byte[] data = TransportKeyDerivation.derivationData(HEX.parseHex("a1a2a3a4a5a6a7a8"));
        assertThat(HEX.formatHex(data)).isEqualTo(
                "a1a2a3a4a5a6a7a800000000" + "484d5400" + "a1a2a3a4a5a6a7a800000000" + "484d5401");
    }

    @Test
    void longUidIsCutToTwelveBytes() {
        byte[] data = TransportKeyDerivation.derivationData(HEX.parseHex("00112233445566778899aabbccddeeff"));
        assertThat(data).hasSize(32);
        assertThat(HEX.formatHex(data)).isEqualTo(
                "00112233445566778899aabb" + "484d5400" + "00112233445566778899aabb" + "484d5401");
    }
}
