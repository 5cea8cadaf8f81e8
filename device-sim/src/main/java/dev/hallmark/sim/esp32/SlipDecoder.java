package dev.hallmark.sim.esp32;

import java.io.ByteArrayOutputStream;

/**
 * Takes the received bytes one at a time and yields whole packets. Bytes outside a frame (boot noise) are ignored,
 * an empty frame (two 0xC0 in a row) starts the next frame; a bad escape or an oversized frame is reported once
 * and the decoder waits for the next 0xC0. Never throws for any input.
 */
final class SlipDecoder {

    /** What one byte completed. */
    sealed interface Result permits Pending, Packet, Malformed {
    }

    /** Nothing complete yet. */
    record Pending() implements Result {
    }

    /** A complete, unescaped packet. */
    record Packet(byte[] bytes) implements Result {
    }

    /** A frame was dropped, and why. */
    record Malformed(String reason) implements Result {
    }

    private static final Pending PENDING = new Pending();

    private final int maxPacket;
    private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private boolean inFrame;
    private boolean escaped;
    private boolean discarding;

    SlipDecoder(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    /** Feeds one byte (0..255). */
    Result accept(int b) {
        if (b == Slip.END) {
            return frameBoundary();
        }
        if (!inFrame || discarding) {
            return PENDING;
        }
        if (escaped) {
            escaped = false;
            if (b == Slip.ESC_END) {
                return append(Slip.END);
            }
            if (b == Slip.ESC_ESC) {
                return append(Slip.ESC);
            }
            return drop(String.format("byte 0x%02X after the SLIP escape 0xDB", b));
        }
        if (b == Slip.ESC) {
            escaped = true;
            return PENDING;
        }
        return append(b);
    }

    private Result frameBoundary() {
        boolean complete = inFrame && !discarding && packet.size() > 0 && !escaped;
        boolean danglingEscape = inFrame && !discarding && escaped;
        byte[] bytes = packet.toByteArray();
        packet.reset();
        escaped = false;
        discarding = false;
        inFrame = true;
        if (danglingEscape) {
            return new Malformed("frame ended right after the SLIP escape 0xDB");
        }
        return complete ? new Packet(bytes) : PENDING;
    }

    private Result append(int b) {
        if (packet.size() >= maxPacket) {
            return drop("frame longer than " + maxPacket + " bytes");
        }
        packet.write(b);
        return PENDING;
    }

    private Result drop(String reason) {
        discarding = true;
        packet.reset();
        escaped = false;
        return new Malformed(reason);
    }

    /** Forgets a partial frame, as after a reset: the next byte counts as outside a frame. */
    void reset() {
        packet.reset();
        inFrame = false;
        escaped = false;
        discarding = false;
    }
}
