package dev.hallmark.fuse.esp32;

import java.io.ByteArrayOutputStream;

/**
 * SLIP framing of the ESP ROM loader (0xC0 delimits; 0xDB 0xDC and 0xDB 0xDD escape 0xC0 and 0xDB): an encoder and a
 * byte-at-a-time decoder that never throws. Bytes outside frames (the ROM's boot text) are skipped.
 */
final class SlipFrames {

    static final int END = 0xC0;
    static final int ESC = 0xDB;
    static final int ESC_END = 0xDC;
    static final int ESC_ESC = 0xDD;

    private SlipFrames() {
    }

    /** Frames a packet. */
    static byte[] encode(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + 8);
        out.write(END);
        for (byte value : packet) {
            int b = value & 0xFF;
            if (b == END || b == ESC) {
                out.write(ESC);
                out.write(b == END ? ESC_END : ESC_ESC);
            } else {
                out.write(b);
            }
        }
        out.write(END);
        return out.toByteArray();
    }

    /** What a byte completed: nothing yet, a packet, or a dropped frame with its reason. */
    sealed interface Event permits Nothing, Packet, Dropped {
    }

    /** No complete frame yet. */
    record Nothing() implements Event {
    }

    /** A whole unescaped packet. */
    record Packet(byte[] bytes) implements Event {
    }

    /** A frame that was thrown away (bad escape, too long). */
    record Dropped(String reason) implements Event {
    }

    /** Streaming decoder; one per connection. */
    static final class Decoder {
        private static final Nothing NOTHING = new Nothing();
        private final int maxPacket;
        private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
        private boolean inFrame;
        private boolean escaped;
        private boolean dropping;

        Decoder(int maxPacket) {
            this.maxPacket = maxPacket;
        }

        /** Feeds one byte 0..255. */
        Event feed(int b) {
            if (b == END) {
                Event event = inFrame && !dropping && escaped ? new Dropped("frame ends after the escape byte 0xDB")
                        : inFrame && !dropping && packet.size() > 0 ? new Packet(packet.toByteArray()) : NOTHING;
                packet.reset();
                inFrame = true;
                escaped = false;
                dropping = false;
                return event;
            }
            if (!inFrame || dropping) {
                return NOTHING;
            }
            int value = b;
            if (escaped) {
                escaped = false;
                if (b != ESC_END && b != ESC_ESC) {
                    return drop(String.format("byte 0x%02X follows the escape byte 0xDB", b));
                }
                value = b == ESC_END ? END : ESC;
            } else if (b == ESC) {
                escaped = true;
                return NOTHING;
            }
            if (packet.size() >= maxPacket) {
                return drop("frame longer than " + maxPacket + " bytes");
            }
            packet.write(value);
            return NOTHING;
        }

        private Event drop(String reason) {
            dropping = true;
            escaped = false;
            packet.reset();
            return new Dropped(reason);
        }

        /** Forgets everything, as when the input is discarded. */
        void clear() {
            packet.reset();
            inFrame = false;
            escaped = false;
            dropping = false;
        }
    }
}
