package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TransportKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void derivationDataRepeatsUidAndTagWithCounter() {
        byte[] d = TransportKey.derivationData(HEX.parseHex("0102030405060708090a0b0c"));
        assertThat(HEX.formatHex(d))
                .isEqualTo("0102030405060708090a0b0c484d5400" + "0102030405060708090a0b0c484d5401");
    }

    @Test
    void shortUidsAreZeroPaddedAndLongOnesCut() {
        assertThat(HEX.formatHex(TransportKey.derivationData(HEX.parseHex("aabb"))))
                .startsWith("aabb00000000000000000000484d5400");
        assertThat(HEX.formatHex(TransportKey.derivationData(HEX.parseHex("0102030405060708090a0b0c0d0e"))))
                .startsWith("0102030405060708090a0b0c484d5400");
    }

    @Test
    void matchesAnOpensslKnownAnswer() {
        // openssl enc -aes-256-ecb -nopad -K 000102...1f over the derivation data of UID 0102...0c
        byte[] kek = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(HEX.formatHex(TransportKey.derive(kek, HEX.parseHex("0102030405060708090a0b0c"))))
                .isEqualTo("189e731194ce8fd66e141b6f5c49044f189f08ca94342b345c39bf0dd3e8a41d");
    }
}
