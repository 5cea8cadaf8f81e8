package dev.hallmark.bench;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoLot;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The measurement of {@code hallmark bench}, in the JVM whose SOFTHSM2_CONF names the workspace: a whole embedded
 * station (SoftHSM2 token, embedded CA, H2) provisions lots of simulated STM32F4 boards with 1, 2, 4 and 8
 * fixtures, at realistic device timing and at zero latency, with the token's own work measured in the same run.
 */
final class LotBenchRun {

    private final LotBenchSettings settings;
    private final Path workspace;
    private final Consumer<String> say;
    private final Consumer<LotBenchCase> onCase;

    LotBenchRun(LotBenchSettings settings, Path workspace, Consumer<String> say, Consumer<LotBenchCase> onCase) {
        this.settings = settings;
        this.workspace = workspace;
        this.say = say;
        this.onCase = onCase;
    }

    List<LotBenchCase> run() throws ProvisioningException {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        List<LotBenchCase> cases = new ArrayList<>();
        try (EmbeddedStation station = EmbeddedStation.open(new DataDir(workspace), SoftHsmToken.defaultModule(),
                random, clock, say)) {
            byte[] kek = SimulatedVendor.transportKek(station.dir(), station.hsm(), random, say);
            TokenWork token = TokenWork.measure(station.keys(), settings.tokenDuration(), random);
            say.accept(String.format(java.util.Locale.ROOT, "token: %.0f keygen+sign per second; one unit's token "
                    + "work %.2f ms", token.rawPerSecond(), token.unitNanos() / 1e6));
            for (String timing : settings.timings()) {
                for (int fixtures : settings.fixtures()) {
                    LotBenchCase result = measure(station, kek, timing, fixtures, token, random, clock);
                    onCase.accept(result);
                    cases.add(result);
                }
            }
        }
        return cases;
    }

    private LotBenchCase measure(EmbeddedStation station, byte[] kek, String timingName, int fixtures, TokenWork token,
                                 SecureRandom random, Clock clock) throws ProvisioningException {
        SimTiming timing = timingName.equals("realistic") ? SimTiming.realistic(settings.baud()) : SimTiming.NONE;
        Stm32LinkOptions defaults = Stm32LinkOptions.defaults();
        Stm32LinkOptions options = new Stm32LinkOptions(timing.baudRate() > 0 ? settings.baud() : defaults.baudRate(),
                defaults.evenParity(), defaults.readTimeout(), defaults.syncTimeout(), defaults.syncAttempts(),
                defaults.eraseTimeout(), defaults.resetSettle(), defaults.attempts());
        int units = fixtures * (timing.baudRate() > 0 ? settings.realisticUnitsPerFixture() : settings.zeroUnitsPerFixture());
        ProductProfile profile = DemoProfile.STM32F4;
        String lot = "BENCH-" + timingName.toUpperCase(java.util.Locale.ROOT) + "-" + fixtures + "-"
                + Long.toHexString(random.nextLong() & 0xFFFFFFL);
        try (SimBench bench = SimBench.start(Stm32Family.F4, fixtures, kek, random, timing)) {
            MeteredBoards boards = new MeteredBoards(bench, timing);
            DemoLot run = DemoLot.of(station, boards.fixtures(), boards, profile, lot, "bench", clock)
                    .withLinks(new Stm32LinkFactory(options, clock));
            long start = System.nanoTime();
            LotSummary summary = run.run(units, UnitListener.none());
            long wall = System.nanoTime() - start;
            long perUnit = (long) summary.outcomes().stream().filter(UnitOutcome::passed)
                    .mapToLong(o -> o.elapsed().toNanos()).average().orElse(0);
            return new LotBenchCase(timingName, fixtures, (int) summary.passed(), (int) summary.failed(), wall, perUnit,
                    boards.meanPhysicalNanos() + token.unitNanos(), token.rawPerSecond() * 3600);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND, "the benchmark could not start its "
                    + "simulated boards", e.toString(), e);
        }
    }
}
