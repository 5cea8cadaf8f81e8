package dev.hallmark.engine.port;

import java.util.Objects;

/**
 * One structured observation VERIFY made: what was asked of the device, what it answered, and what that shows.
 *
 * @param kind     what sort of observation it is
 * @param request  the request in protocol terms, e.g. {@code READ_MEMORY 0x08000000}
 * @param response the answer in protocol terms, e.g. {@code NACK 0x1F}, or hex of the bytes read
 * @param locked   whether this observation, on its own, shows the lock holding
 */
public record LockObservation(Kind kind, String request, String response, boolean locked) {

    /** What an observation is about. */
    public enum Kind {
        /** The bootloader answered the sync, or did not. */
        SYNC,
        /** GET_ID or another identification answered. */
        IDENTITY,
        /** A memory read was refused (NACK): readout protection holds. */
        READ_REFUSED,
        /** A memory read answered with data: readout protection does not hold there. */
        READ_ANSWERED,
        /** Option bytes (or fuses) read back, with their values. */
        OPTION_BYTES,
        /** The bootloader stayed silent, as after RDP level 2 or a burnt download-disable fuse. */
        BOOTLOADER_SILENT,
        /**
         * A fresh identify after the lock contradicts the device's claim to be locked (it accepts a command a
         * locked device refuses, or refuses one a locked device answers): the unit fails with HM-330.
         */
        CONTRADICTION,
        /** A second witness over another wire (a debug probe over SWD): {@code locked} says what it saw. */
        WITNESS
    }

    public LockObservation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }

    /** The observation in one line, as in {@link LockEvidence#observations()}. */
    public String line() {
        return request + " -> " + response;
    }
}
