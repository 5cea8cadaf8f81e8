package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import java.time.Clock;
import java.util.Objects;

/** Opens an {@link EspRomLink} on a fixture's serial port. */
public final class EspLinkFactory implements TargetLinkFactory {

    private final EspLinkOptions options;
    private final Clock clock;

    public EspLinkFactory(EspLinkOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TargetLink open(Fixture fixture) throws ProvisioningException {
        return EspRomLink.open(fixture.port(), options, clock);
    }
}
