package dev.hallmark.fuse.stm32;

import java.util.HexFormat;

/** Answers of hand-written devices for {@link ScriptedResponder}. */
final class TestDevices {

    private static final HexFormat HEX = HexFormat.of();

    private TestDevices() {
    }

    /** A bootloader that is fine in every way but reports product id 0x999. */
    static byte[] unknownProduct(byte[] request) {
        return switch (HEX.formatHex(request)) {
            case "7f" -> HEX.parseHex("79");
            case "00ff" -> HEX.parseHex("790b31000102112131446373829279");
            case "02fd" -> HEX.parseHex("7901099979");
            default -> HEX.parseHex("1f");
        };
    }
}
