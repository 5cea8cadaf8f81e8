package dev.hallmark.fuse.swd;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockObservation;
import dev.hallmark.engine.port.LockPlan;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Links whose VERIFY adds the debug probe's witness to the serial line's evidence, for the fixtures that have a
 * probe. Where the witness is required (the product profile says so) a unit is never locked without it: a fixture
 * without a probe, or a probe that gave no conclusion, makes the evidence not hold, with a "lock not witnessed"
 * observation (HM-331). A probe that read flash is a contradiction (HM-330).
 */
public final class WitnessedLinks implements TargetLinkFactory {

    private final TargetLinkFactory links;
    private final Map<String, ProbeSettings> probes;
    private final boolean required;
    private final Function<ProbeSettings, LockObservation> witness;

    /** {@code probes}: the fixtures' probes by fixture id; {@code required}: whether the profile requires the witness. */
    public WitnessedLinks(TargetLinkFactory links, Map<String, ProbeSettings> probes, boolean required) {
        this(links, probes, required, settings -> new OpenOcdWitness(settings).witness());
    }

    WitnessedLinks(TargetLinkFactory links, Map<String, ProbeSettings> probes, boolean required,
                   Function<ProbeSettings, LockObservation> witness) {
        this.links = links;
        this.probes = Map.copyOf(probes);
        this.required = required;
        this.witness = witness;
    }

    @Override
    public TargetLink open(Fixture fixture) throws ProvisioningException {
        TargetLink link = links.open(fixture);
        ProbeSettings probe = probes.get(fixture.id());
        if (probe == null && !required) {
            return link;
        }
        return new Witnessed(link, fixture.id(), probe);
    }

    /** The evidence with the witness added; not holding where the witness is required and was not had. */
    LockEvidence witnessed(LockEvidence evidence, String fixture, ProbeSettings probe) {
        LockObservation seen = probe == null
                ? OpenOcdWitness.notWitnessed("SWD (fixture " + fixture + ")", "the fixture has no debug probe")
                : witness.apply(probe);
        List<LockObservation> details = new ArrayList<>(evidence.details());
        details.add(seen);
        boolean witnessHolds = seen.kind() == LockObservation.Kind.WITNESS && seen.locked();
        boolean contradicted = seen.kind() == LockObservation.Kind.CONTRADICTION;
        boolean locked = evidence.locked() && !contradicted && (witnessHolds || !required);
        List<String> lines = new ArrayList<>(evidence.observations());
        lines.add(seen.line());
        return new LockEvidence(evidence.level(), locked, lines, details);
    }

    private final class Witnessed implements TargetLink {
        private final TargetLink link;
        private final String fixture;
        private final ProbeSettings probe;

        Witnessed(TargetLink link, String fixture, ProbeSettings probe) {
            this.link = link;
            this.fixture = fixture;
            this.probe = probe;
        }

        @Override
        public DeviceInfo identify() throws ProvisioningException {
            return link.identify();
        }

        @Override
        public DeviceUid readUniqueId() throws ProvisioningException {
            return link.readUniqueId();
        }

        @Override
        public void writeIdentity(byte[] blob) throws ProvisioningException {
            link.writeIdentity(blob);
        }

        @Override
        public byte[] readIdentity(int length) throws ProvisioningException {
            return link.readIdentity(length);
        }

        @Override
        public void lockDebug(LockLevel level) throws ProvisioningException {
            link.lockDebug(level);
        }

        @Override
        public LockPlan planLock(LockLevel level) throws ProvisioningException {
            return link.planLock(level);
        }

        @Override
        public LockEvidence verifyLocked(LockLevel level) throws ProvisioningException {
            return witnessed(link.verifyLocked(level), fixture, probe);
        }

        @Override
        public void close() {
            link.close();
        }
    }
}
