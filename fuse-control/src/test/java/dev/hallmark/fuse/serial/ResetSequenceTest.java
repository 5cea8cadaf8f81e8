package dev.hallmark.fuse.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture's DTR/RTS sequence: stm32flash -i syntax, entry and exit, and a port without modem lines (a pty). */
class ResetSequenceTest {

    /** Records every line change and pause; {@code lines=false} behaves like a pseudo-terminal. */
    static final class Recorder implements ControlLines {
        final List<String> seen = new ArrayList<>();
        final boolean lines;

        Recorder(boolean lines) {
            this.lines = lines;
        }

        @Override
        public boolean dtr(boolean asserted) {
            seen.add((asserted ? "" : "-") + "dtr");
            return lines;
        }

        @Override
        public boolean rts(boolean asserted) {
            seen.add((asserted ? "" : "-") + "rts");
            return lines;
        }

        @Override
        public void pause(long millis) {
            seen.add("wait " + millis);
        }
    }

    @Test
    void entryAndExitRunInOrderWithTheirPauses() throws Exception {
        ResetSequence s = ResetSequence.parse("rts, dtr,,-dtr,wait=20:-rts,dtr,,-dtr");
        Recorder r = new Recorder(true);

        assertThat(s.enter(r)).isEqualTo(ResetSequence.Outcome.APPLIED);
        assertThat(r.seen).containsExactly("rts", "dtr", "wait 100", "-dtr", "wait 20");
        r.seen.clear();
        assertThat(s.exit(r)).isEqualTo(ResetSequence.Outcome.APPLIED);
        assertThat(r.seen).containsExactly("-rts", "dtr", "wait 100", "-dtr");
    }

    @Test
    void aPortWithoutModemLinesStopsAtTheFirstLineStep() throws Exception {
        Recorder pty = new Recorder(false);
        assertThat(ResetSequence.parse("rts,dtr,,-dtr").enter(pty)).isEqualTo(ResetSequence.Outcome.LINES_UNAVAILABLE);
        assertThat(pty.seen).containsExactly("rts");
    }

    @Test
    void noSequenceDoesNothing() throws Exception {
        Recorder r = new Recorder(true);
        assertThat(ResetSequence.parse(" ").enter(r)).isEqualTo(ResetSequence.Outcome.EMPTY);
        assertThat(ResetSequence.parse("dtr").exit(r)).isEqualTo(ResetSequence.Outcome.EMPTY);
        assertThat(r.seen).isEmpty();
    }

    @Test
    void unknownStepsAreNamed() {
        assertThatThrownBy(() -> ResetSequence.parse("dtr,brk")).hasMessageContaining("'brk'");
        assertThatThrownBy(() -> ResetSequence.parse("a:b:c")).hasMessageContaining("at most one ':'");
        assertThatThrownBy(() -> ResetSequence.parse("wait=x")).hasMessageContaining("milliseconds");
    }

    @Test
    void aRefusedPortNamesTheGroupAndTheCommand() {
        assertThat(PortAccess.remedyFor(Path.of("/dev/ttyUSB0"), "dialout", "line"))
                .contains("user 'line' may not open /dev/ttyUSB0 (group dialout)", "sudo usermod -aG dialout line",
                        "udev rule");
    }
}
