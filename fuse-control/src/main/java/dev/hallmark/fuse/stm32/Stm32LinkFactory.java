package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.fuse.serial.ResetSequence;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Opens an {@link Stm32BootloaderLink} on a fixture's serial port. */
public final class Stm32LinkFactory implements TargetLinkFactory {

    private final Stm32LinkOptions options;
    private final Clock clock;
    private final Map<String, ResetSequence> resets;

    public Stm32LinkFactory(Stm32LinkOptions options, Clock clock) {
        this(options, clock, Map.of());
    }

    private Stm32LinkFactory(Stm32LinkOptions options, Clock clock, Map<String, ResetSequence> resets) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resets = Map.copyOf(resets);
    }

    /** The same factory running each fixture's bootloader entry sequence (by fixture id) after opening its port. */
    public Stm32LinkFactory withResetSequences(Map<String, ResetSequence> byFixture) {
        return new Stm32LinkFactory(options, clock, byFixture);
    }

    @Override
    public TargetLink open(Fixture fixture) throws ProvisioningException {
        return new Stm32BootloaderLink(SerialTransport.open(fixture.port(), options, clock,
                resets.getOrDefault(fixture.id(), ResetSequence.none())), options);
    }
}
