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
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.conformity.AttestingDeviceTokens;
import dev.hallmark.engine.conformity.AttestingKeyStore;
import dev.hallmark.engine.conformity.BenchUnitSecrets;
import dev.hallmark.engine.port.UnitSecrets;
import dev.hallmark.db.conformity.JdbcUnitSecrets;
import dev.hallmark.engine.port.DeviceTokens;
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
    private final DeviceTokens deviceTokens;
    private final BenchUnitSecrets secrets;

    private LotConformity(AttestingKeyStore keys, ConformityEvidence evidence, List<Prerequisite> prerequisites,
                          DeviceTokens deviceTokens, BenchUnitSecrets secrets) {
        this.secrets = secrets;
        this.keys = keys;
        this.evidence = evidence;
        this.prerequisites = prerequisites;
        this.deviceTokens = deviceTokens;
    }

    /** Checks the profile's class against the station's parts (refusing with the reasons) and prepares the evidence. */
    public static LotConformity prepare(EmbeddedStation station, ProductProfile profile, Clock clock)
            throws ProvisioningException {
        return prepare(station, profile, clock, null, List.of());
    }

    /**
     * The same with on-device custody: the device tokens of the fixtures (or null) are read for the class check, and
     * handed out again by {@link #deviceTokens()} reading each key's attributes back for the evidence.
     */
    public static LotConformity prepare(EmbeddedStation station, ProductProfile profile, Clock clock,
                                        DeviceTokens deviceTokens, List<Fixture> fixtures) throws ProvisioningException {
        ConformityDeclarations declared = ConformityDeclarations.load(station.dir().root());
        StationCapabilities parts = ClassCheck.capabilities(station.hsm(), profile, declared, deviceTokens, fixtures);
        List<Prerequisite> met = ClassCheck.require(profile, parts);
        SecureRandom random = new SecureRandom();
        AttestingKeyStore keys = new AttestingKeyStore(station.keys(), station.keys());
        PasswordHasher hasher = PasswordHasher.standard(random);
        BenchUnitSecrets secrets = new BenchUnitSecrets(hasher, random, profile.keys().customerKey(),
                new JdbcUnitSecrets(AuditDataSources.embedded(station.dir().audit())), clock);
        ConformityEvidence evidence = new ConformityEvidence(station.store(),
                new JdbcConformityRecords(AuditDataSources.embedded(station.dir().audit()),
                        station.database().store()), keys, profile, parts, met,
                hasher, random, clock, serial -> station.database().store().unitBySerial(serial).orElse(null), secrets);
        return new LotConformity(keys, evidence, met,
                deviceTokens == null ? null : new AttestingDeviceTokens(deviceTokens, keys), secrets);
    }

    /** Issues each unit's secret at INSTALL: installed in the device as a verifier, hashed, wrapped for the customer. */
    public UnitSecrets secrets() {
        return secrets;
    }

    /** The device tokens the workflow uses (reading key attributes back), or null without on-device custody. */
    public DeviceTokens deviceTokens() {
        return deviceTokens;
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
