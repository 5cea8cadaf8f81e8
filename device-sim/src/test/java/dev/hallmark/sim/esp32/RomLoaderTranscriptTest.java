package dev.hallmark.sim.esp32;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The ROM loader against byte transcripts written from Espressif's "Serial Protocol" page: the SYNC packet and its
 * eight answers, READ_REG of the eFuse MAC word, the four ROM status bytes, the XOR checksum, the error codes.
 */
class RomLoaderTranscriptTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC = {0x34, (byte) 0x85, 0x18, 0x01, 0x02, 0x03};

    private static byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    private static Esp32c3Chip chip() {
        byte[] uid = new byte[16];
        for (int i = 0; i < uid.length; i++) {
            uid[i] = (byte) (0xA0 + i);
        }
        return new Esp32c3Chip(MAC, uid);
    }

    private static String run(Esp32c3Chip chip, EspTiming timing, byte[]... frames) throws IOException {
        ScriptedRomPort port = new ScriptedRomPort(frames);
        RomLoader loader = new RomLoader(chip, port, timing);
        try {
            loader.serve();
        } catch (RomPort.PortClosedException endOfScript) {
            // the script ran out: every request has been answered
        }
        return HEX.formatHex(port.output());
    }

    @Test
    void syncIsAnsweredEightTimesWithTheRomsNonZeroValue() throws IOException {
        String sync = "c0 00 08 24 00 00 00 00 00 07 07 12 20" + " 55".repeat(32) + " c0";
        String out = run(chip(), EspTiming.NONE, hex(sync));
        assertThat(out).isEqualTo("c0010804000707122000000000c0".repeat(8));
    }

    @Test
    void readRegReturnsTheMacWordInTheValueFieldAndFourStatusBytes() throws IOException {
        String out = run(chip(), EspTiming.NONE, hex("c0 00 0a 04 00 00 00 00 00 44 88 00 60 c0"),
                hex("c0 00 0a 04 00 00 00 00 00 00 10 00 40 c0"));
        assertThat(out).isEqualTo("c0010a0400" + "03020118" + "00000000c0" + "c0010a0400" + "6f50311b" + "00000000c0");
    }

    @Test
    void garbageBeforeAFrameAndABadEscapeAreIgnoredAndTheNextRequestAnswered() throws IOException {
        String out = run(chip(), EspTiming.NONE, hex("41 54 0d 0a c0 00 0a db 01 c0"),
                hex("c0 00 0a 04 00 00 00 00 00 00 10 00 40 c0"));
        assertThat(out).isEqualTo("c0010a04006f50311b00000000c0");
    }

    @Test
    void anUnknownCommandAndAWrongSizeAreAnsweredInvalidMessage() throws IOException {
        String out = run(chip(), EspTiming.NONE, hex("c0 00 55 00 00 00 00 00 00 c0"),
                hex("c0 00 0a 02 00 00 00 00 00 44 88 c0"));
        assertThat(out).isEqualTo("c0015504000000000001050000c0" + "c0010a04000000000001050000c0");
    }

    @Test
    void flashDataWithAWrongChecksumIsRefusedWithError7AndNothingIsWritten() throws IOException {
        Esp32c3Chip chip = chip();
        byte[] begin = hex("c0 00 02 10 00 00 00 00 00 00 10 00 00 01 00 00 00 04 00 00 00 00 00 3f 00 c0");
        String header = "c0 00 03 14 00 %s 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 de ad be ef c0";
        int good = 0xEF ^ 0xDE ^ 0xAD ^ 0xBE ^ 0xEF;
        String out = run(chip, EspTiming.NONE, begin, hex(String.format(header, "00")),
                hex(String.format(header, String.format("%02x", good))));
        assertThat(out).isEqualTo("c0010204000000000000000000c0" + "c0010304000000000001070000c0"
                + "c0010304000000000000000000c0");
        assertThat(chip.flash().read(0x3F_0000, 5)).containsExactly(0xDE, 0xAD, 0xBE, 0xEF, 0xFF);
    }

    @Test
    void md5IsAnsweredAs32HexDigitsAndSecurityInfoCarriesChipId5() throws IOException {
        String out = run(chip(), EspTiming.NONE, hex("c0 00 13 10 00 00 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00"
                + " 00 00 00 00 c0"), hex("c0 00 14 00 00 00 00 00 00 c0"));
        String md5OfErasedSector = "6ae59e64850377ee5470c854761551ea";
        assertThat(out).startsWith("c0011324000000000" + "0" + HEX.formatHex(md5OfErasedSector.getBytes()) + "00000000c0");
        assertThat(out).endsWith("c00114180000000000" + "00000000" + "00" + "00000000000000" + "05000000" + "00000000"
                + "00000000c0");
    }

    @Test
    void realisticTimingChargesEraseProgramAndEfuseTime() throws IOException {
        Esp32c3Chip chip = chip();
        EspTiming timing = EspTiming.realistic(115_200);
        ScriptedRomPort port = new ScriptedRomPort(
                hex("c0 00 09 10 00 00 00 00 00 cc 89 00 60 5a 5a 00 00 ff ff ff ff 00 00 00 00 c0"),
                hex("c0 00 09 10 00 00 00 00 00 04 88 00 60 00 00 08 00 ff ff ff ff 00 00 00 00 c0"),
                hex("c0 00 09 10 00 00 00 00 00 d4 89 00 60 02 00 00 00 ff ff ff ff 00 00 00 00 c0"));
        port.byteNanos(timing.byteNanos());
        try {
            new RomLoader(chip, port, timing).serve();
        } catch (RomPort.PortClosedException endOfScript) {
            // done
        }
        assertThat(chip.efuses().value(C3Fuse.DIS_PAD_JTAG)).isEqualTo(1);
        long wire = 3 * 14 * timing.byteNanos();
        assertThat(port.pausedNanos()).isEqualTo(wire + timing.efuseNanos(1));
        assertThat(timing.efuseNanos(1)).isEqualTo(Duration.ofNanos(510_000).toNanos());
    }
}
