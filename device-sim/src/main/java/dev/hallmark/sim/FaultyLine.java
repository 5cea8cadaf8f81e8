package dev.hallmark.sim;

import java.io.IOException;

/**
 * Applies the reply faults a {@link FaultInjector} arms (drop, corrupt, stall) to the frames a bootloader sends,
 * without the protocol code knowing; after a DISCONNECT nothing more is sent and nothing read.
 */
final class FaultyLine implements SerialLine {

    private final SerialLine line;
    private final FaultInjector faults;
    private final Sleeper sleeper;

    FaultyLine(SerialLine line, FaultInjector faults, Sleeper sleeper) {
        this.line = line;
        this.faults = faults;
        this.sleeper = sleeper;
    }

    @Override
    public int read() throws IOException {
        if (faults.disconnected()) {
            throw new LineClosedException("the simulated device was disconnected by an injected fault");
        }
        return line.read();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (faults.disconnected() || bytes.length == 0) {
            return;
        }
        FaultKind fault = faults.beforeReply();
        if (fault == FaultKind.DROP) {
            return;
        }
        if (fault == FaultKind.STALL) {
            sleeper.pause(faults.stallNanos());
        }
        line.write(fault == FaultKind.CORRUPT ? faults.corrupt(bytes) : bytes);
    }

    @Override
    public void discardInput() throws IOException {
        line.discardInput();
    }
}
