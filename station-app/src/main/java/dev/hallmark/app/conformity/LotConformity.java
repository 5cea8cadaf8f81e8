package dev.hallmark.app.conformity;

import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.conformity.AttestingKeyStore;
import dev.hallmark.engine.conformity.ConformityEvidence;
import dev.hallmark.engine.conformity.Prerequisite;
import dev.hallmark.engine.conformity.StationCapabilities;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A lot's conformity on the embedded station: the class check before the first unit, the key store that reads
 * each key's attributes back, and the listener that records each unit's evidence before the unit is reported.
 */
public final class LotConformity {

    private final AttestingKeyStore keys;
    private final ConformityEvidence evidence;
    private final List<Prerequisite> prerequisites;

    private LotConformity(AttestingKeyStore keys, ConformityEvidence evidence, List<Prerequisite> prerequisites) {
        this.keys = keys;
        this.evidence = evidence;
        this.prerequisites = prerequisites;
    }

    /** Checks the profile's class against the station's parts (refusing with the reasons) and prepares the evidence. */
    public static LotConformity prepare(EmbeddedStation station, ProductProfile profile, Clock clock)
            throws ProvisioningException {
        ConformityDeclarations declared = ConformityDeclarations.load(station.dir().root());
        StationCapabilities parts = ClassCheck.capabilities(station.hsm(), profile, declared);
        List<Prerequisite> met = ClassCheck.require(profile, parts);
        SecureRandom random = new SecureRandom();
        AttestingKeyStore keys = new AttestingKeyStore(station.keys(), station.keys());
        ConformityEvidence evidence = new ConformityEvidence(station.store(),
                new JdbcConformityRecords(AuditDataSources.embedded(station.dir().audit()),
                        station.database().store()), keys, profile, parts, met,
                PasswordHasher.standard(random), random, clock,
                serial -> station.database().store().unitBySerial(serial).orElse(null));
        return new LotConformity(keys, evidence, met);
    }

    /** The device key store the workflow uses: the station's, reading attributes back. */
    public AttestingKeyStore keys() {
        return keys;
    }

    /** The prerequisites of the class, all met. */
    public List<Prerequisite> prerequisites() {
        return prerequisites;
    }

    /** {@code shown} preceded by the evidence recorder, so a unit's evidence is recorded before it is reported. */
    public UnitListener listener(UnitListener shown) {
        return new UnitListener() {
            @Override
            public void unitStarted(String fixtureId) {
                shown.unitStarted(fixtureId);
            }

            @Override
            public void stepStarted(String fixtureId, String serial, Step step) {
                shown.stepStarted(fixtureId, serial, step);
            }

            @Override
            public void stepWaiting(String fixtureId, String serial, Step step, String reason, java.time.Duration retryIn) {
                shown.stepWaiting(fixtureId, serial, step, reason, retryIn);
            }

            @Override
            public void unitFinished(UnitOutcome outcome) {
                evidence.unitFinished(outcome);
                shown.unitFinished(outcome);
            }
        };
    }
}
