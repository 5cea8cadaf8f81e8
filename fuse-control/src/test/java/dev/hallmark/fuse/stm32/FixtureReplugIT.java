package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.fuse.serial.ResetSequence;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fixture named by a stable link (as /dev/serial/by-path names a USB socket) whose adapter is unplugged and comes
 * back as another device node: the link now leads elsewhere, and the next open finds the board without a restart.
 * The fixture's DTR/RTS reset sequence runs on open and is skipped on a pseudo-terminal, which has no modem lines.
 */
class FixtureReplugIT {

    @Test
    void aRepluggedAdapterBehindTheSameLinkIsFoundAgain() throws Exception {
        Path dir = Files.createTempDirectory("by-path");
        Path link = dir.resolve("pci-0000:00:14.0-usb-0:1.1:1.0-port0");
        Stm32LinkFactory factory = new Stm32LinkFactory(Stm32LinkOptions.defaults(), Clock.systemUTC())
                .withResetSequences(Map.of("F1", ResetSequence.parse("rts,dtr,,-dtr:-rts")));
        try (SimBench bench = SimBench.start(Stm32Family.F4, 2, new byte[32], new SecureRandom(), SimTiming.NONE)) {
            Files.createSymbolicLink(link, Path.of(bench.device(0).path()));
            try (TargetLink first = factory.open(new Fixture("F1", link.toString()))) {
                assertThat(first.identify().uid()).isEqualTo(DeviceUid.of(bench.device(0).uid()));
            }

            // unplugged: the link is gone; plugged back: the kernel gives the adapter another node
            Files.delete(link);
            Files.createSymbolicLink(link, Path.of(bench.device(1).path()));

            try (TargetLink again = factory.open(new Fixture("F1", link.toString()))) {
                assertThat(again.identify().uid()).isEqualTo(DeviceUid.of(bench.device(1).uid()));
            }
        } finally {
            Files.deleteIfExists(link);
            Files.delete(dir);
        }
    }
}
