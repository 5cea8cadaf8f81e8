package dev.hallmark.fuse.serial;

/** The modem control lines of a USB-serial adapter that fixtures wire to a board's reset and boot pins. */
public interface ControlLines {

    /** Sets DTR; false when the port cannot (a pseudo-terminal has no modem lines). */
    boolean dtr(boolean asserted);

    /** Sets RTS; false when the port cannot. */
    boolean rts(boolean asserted);

    /** Waits between two steps of a sequence. */
    void pause(long millis) throws InterruptedException;
}
