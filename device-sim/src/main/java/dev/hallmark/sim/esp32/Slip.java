package dev.hallmark.sim.esp32;

import java.io.ByteArrayOutputStream;

/** SLIP framing (RFC 1055) as the ESP ROM loader uses it: 0xC0 ends, 0xDB 0xDC stands for 0xC0, 0xDB 0xDD for 0xDB. */
final class Slip {

    static final int END = 0xC0;
    static final int ESC = 0xDB;
    static final int ESC_END = 0xDC;
    static final int ESC_ESC = 0xDD;

    private Slip() {
    }

    /** The packet framed: 0xC0, the escaped bytes, 0xC0. */
    static byte[] encode(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + 8);
        out.write(END);
        for (byte value : packet) {
            int b = value & 0xFF;
            if (b == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (b == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(b);
            }
        }
        out.write(END);
        return out.toByteArray();
    }
}
