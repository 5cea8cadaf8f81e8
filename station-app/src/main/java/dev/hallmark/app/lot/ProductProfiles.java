package dev.hallmark.app.lot;

import dev.hallmark.app.conformity.ConformityDeclarations;
import dev.hallmark.app.config.ProfileSection;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SerialScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The product profiles a station knows: the built-in demo profile and those of station.yaml. */
public final class ProductProfiles {

    private ProductProfiles() {
    }

    /** The profile named {@code name}; CONFIG_INVALID lists the known names when there is none. */
    public static ProductProfile byName(StationConfig config, String name) throws ProvisioningException {
        Map<String, ProfileSection> configured = config.profiles();
        ProfileSection section = configured.get(name);
        if (section != null) {
            return section.toProfile(name);
        }
        if (DemoProfile.STM32F4.name().equals(name)) {
            return DemoProfile.STM32F4;
        }
        TreeSet<String> known = new TreeSet<>(configured.keySet());
        known.add(DemoProfile.STM32F4.name());
        throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "no product profile '" + name + "'; known: "
                + String.join(", ", known) + " (profiles are defined in " + StationConfig.FILE + ")");
    }

    /**
     * The profile a lot runs on, as {@code provision} and the window both take it: the named profile with the firmware
     * signing key and the customer key declared in conformity.yaml (docs/conformity.md).
     */
    public static ProductProfile forLot(StationConfig config, Path dataDir, String name)
            throws ProvisioningException {
        ProductProfile named = byName(config, name);
        return named.withKeys(ConformityDeclarations.load(dataDir).keys(named.keys()));
    }

    /** A lot plan of {@code quota} units named by {@code pattern} (null: the profile's prefix + {counter:06}). */
    public static LotPlan plan(String lot, ProductProfile profile, int quota, String pattern)
            throws ProvisioningException {
        if (quota < 1) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--count must be at least 1");
        }
        try {
            return LotPlan.of(lot, profile.name(), quota, dev.hallmark.engine.api.SerialScheme
                    .pattern(pattern != null ? pattern : profile.serialPrefix() + "{counter:06}"));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, e.getMessage());
        }
    }

    /**
     * The fixtures named on the command line: each a serial port path, or a fixture name of station.yaml (its port);
     * a fixture's id is the name given, so {@code provision} and the window resume each other's units.
     */
    public static List<dev.hallmark.engine.api.Fixture> fixtures(StationConfig config,
                                                                         List<String> args, String option)
            throws ProvisioningException {
        List<dev.hallmark.engine.api.Fixture> fixtures = new ArrayList<>();
        Set<String> ports = new HashSet<>();
        for (String arg : args) {
            String port = config.fixtures().get(arg);
            String named = port != null ? port : arg;
            // sim: names a simulated board on a pseudo-terminal (its lot takes the simulated vendor's KEK)
            requirePseudoTerminal(named);
            Fixture fixture = new Fixture(arg, dev.hallmark.engine.workflow.TransportKeyRule.portOf(named));
            if (port == null && !arg.contains("/")) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "fixture '" + arg + "' is neither a port"
                        + " path nor a fixture of " + StationConfig.FILE);
            }
            if (!ports.add(fixture.port())) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "port " + fixture.port()
                        + " is named twice in " + option);
            }
            fixtures.add(fixture);
        }
        return fixtures;
    }

    /** CONFIG_INVALID if {@code portArg} is {@code sim:} but not a pseudo-terminal (a real adapter is never "sim"). */
    public static void requirePseudoTerminal(String portArg) throws ProvisioningException {
        if (!dev.hallmark.engine.workflow.TransportKeyRule.simulated(portArg)) {
            return;
        }
        String path = dev.hallmark.engine.workflow.TransportKeyRule.portOf(portArg);
        String real;
        try {
            real = java.nio.file.Path.of(path).toRealPath().toString();
        } catch (java.io.IOException | RuntimeException e) {
            real = path;
        }
        if (!real.startsWith("/dev/pts/")) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "'" + portArg + "': sim: names a simulated board"
                    + " on a pseudo-terminal, and " + real + " is not one; name a real port without sim:");
        }
    }
}
