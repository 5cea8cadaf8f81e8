package dev.hallmark.sim;

import java.io.IOException;

/** The simulated device was switched off (stopped, reset from outside or replaced) while it served the line. */
final class LineClosedException extends IOException {

    LineClosedException(String message) {
        super(message);
    }
}
