package dev.hallmark.sim;

import java.util.Arrays;
import java.util.Locale;

/** What can go wrong between a station and a simulated device, one kind per injected fault. */
public enum FaultKind {

    /** A reply frame is lost on the wire. */
    DROP,
    /** One bit of one byte of a reply frame is flipped. */
    CORRUPT,
    /** The device refuses a well-formed command with a NACK, as after line noise on the command byte. */
    NACK,
    /** The device answers late, after the stall time (longer than the host waits). */
    STALL,
    /** The device goes silent for the rest of its life, as with a loose cable; a new board must be put on. */
    DISCONNECT;

    /** The kind named {@code drop}, {@code corrupt}, ... (case-insensitive). */
    public static FaultKind parse(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault kind " + name
                        + "; known: drop, corrupt, nack, stall, disconnect"));
    }

    /** The lower-case name used in fault specifications. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
