package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import java.time.Clock;
import java.util.Objects;

/** Opens an {@link Stm32BootloaderLink} on a fixture's serial port. */
public final class Stm32LinkFactory implements TargetLinkFactory {

    private final Stm32LinkOptions options;
    private final Clock clock;

    public Stm32LinkFactory(Stm32LinkOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TargetLink open(Fixture fixture) throws ProvisioningException {
        return Stm32BootloaderLink.open(fixture.port(), options, clock);
    }
}
