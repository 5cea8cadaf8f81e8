package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixtures holding fake devices; a fixture with no device answers like an unplugged port. */
public final class FakeBench implements TargetLinkFactory {

    private final Map<String, FakeDevice> devices = new ConcurrentHashMap<>();

    /** Places a device on the fixture, replacing the one there. */
    public FakeBench put(Fixture fixture, FakeDevice device) {
        devices.put(fixture.id(), device);
        return this;
    }

    public FakeDevice device(Fixture fixture) {
        return devices.get(fixture.id());
    }

    @Override
    public TargetLink open(Fixture fixture) throws ProvisioningException {
        FakeDevice device = devices.get(fixture.id());
        if (device == null) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                    "the serial port " + fixture.port() + " does not exist");
        }
        return device.link();
    }
}
