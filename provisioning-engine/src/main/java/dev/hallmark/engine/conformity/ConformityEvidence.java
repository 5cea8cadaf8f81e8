package dev.hallmark.engine.conformity;

import dev.hallmark.engine.access.PasswordHash;
import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.ConformityRecords;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.KeyAttributes;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects, when a unit finishes, the evidence of each control the station applied to it — from the unit's
 * journal, the key attributes read back from the token, the station's parts and a per-unit secret generated at
 * the bench — and records it. A unit's run is never changed by this: a failure to record is logged, and the
 * report then shows the unit without evidence.
 */
public final class ConformityEvidence implements UnitListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConformityEvidence.class);

    private final AuditStore store;
    private final ConformityRecords records;
    private final AttestingKeyStore keys;
    private final ProductProfile profile;
    private final StationCapabilities parts;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final Clock clock;
    private final UnitFinder units;
    private final String prerequisites;
    private final BenchUnitSecrets secrets;

    /** Finds the unit record a serial was allocated to (the latest attempt), or null. */
    @FunctionalInterface
    public interface UnitFinder {
        UnitRecord bySerial(String serial) throws ProvisioningException;
    }

    /** {@code met} are the class's prerequisites as {@link ClassPrerequisites#check} returned them. */
    public ConformityEvidence(AuditStore store, ConformityRecords records, AttestingKeyStore keys,
                              ProductProfile profile, StationCapabilities parts, List<Prerequisite> met,
                              PasswordHasher hasher, SecureRandom random, Clock clock, UnitFinder units) {
        this(store, records, keys, profile, parts, met, hasher, random, clock, units, null);
    }

    /** With the secrets the workflow issued at INSTALL ({@code secrets} null: a secret is generated here instead). */
    public ConformityEvidence(AuditStore store, ConformityRecords records, AttestingKeyStore keys,
                              ProductProfile profile, StationCapabilities parts, List<Prerequisite> met,
                              PasswordHasher hasher, SecureRandom random, Clock clock, UnitFinder units,
                              BenchUnitSecrets secrets) {
        this.secrets = secrets;
        this.prerequisites = met.isEmpty() ? "none (no class claimed)" : met.stream()
                .map(p -> p.control() + ": " + p.reason()).collect(java.util.stream.Collectors.joining("; "));
        this.store = store;
        this.records = records;
        this.keys = keys;
        this.profile = profile;
        this.parts = parts;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.units = units;
    }

    @Override
    public void unitFinished(UnitOutcome outcome) {
        if (outcome.serial() == null) {
            return;
        }
        try {
            UnitRecord unit = units.bySerial(outcome.serial());
            if (unit == null) {
                LOG.warn("unit {} is not recorded; no conformity evidence recorded", outcome.serial());
                return;
            }
            records.record(collect(unit, outcome, store.events(unit.id())));
        } catch (ProvisioningException e) {
            LOG.error("conformity evidence of unit {} could not be recorded: {}", outcome.serial(), e.oneLine(), e);
        }
    }

    /** The controls of one unit with their evidence. */
    List<ControlEvidence> collect(UnitRecord unit, UnitOutcome outcome, List<StepEvent> journal) {
        Instant at = clock.instant();
        boolean passed = outcome.result() == UnitResult.PASS;
        ConformityClass claimed = profile.conformity().conformityClass();
        List<ControlEvidence> controls = new ArrayList<>();
        controls.add(new ControlEvidence(unit.id(), Control.CLASS_PREREQUISITES.name(), true, claimed.label()
                + " claimed by profile " + profile.name() + " (two-person rule " + (profile.conformity().twoPersonRule()
                ? "on" : "off") + "); prerequisites met before the first unit: " + prerequisites, at));
        String claim = done(journal, Step.CLAIM);
        controls.add(new ControlEvidence(unit.id(), Control.UNIQUE_IDENTITY.name(),
                passed && outcome.uid() != null && outcome.certificateSha256() != null,
                "uid=" + (outcome.uid() == null ? "-" : outcome.uid().hex()) + " " + (claim == null ? "not claimed" : claim)
                        + "; certificate sha256=" + outcome.certificateSha256() + " bound to " + (outcome.uid() == null
                        ? "-" : profile.uidUri(outcome.uid())), at));
        AttestingKeyStore.Result key = outcome.uid() == null ? new AttestingKeyStore.Result(null, "no device UID")
                : keys.take("dev-" + outcome.uid().hex());
        KeyAttributes attributes = key.attributes();
        String keygen = done(journal, Step.KEYGEN);
        String install = done(journal, Step.INSTALL);
        controls.add(new ControlEvidence(unit.id(), Control.KEY_GENERATED_IN_TOKEN.name(),
                attributes != null && attributes.bornInToken() && keygen != null,
                (attributes == null ? "attributes not read back: " + key.missingBecause() : attributes.describe())
                        + "; KEYGEN: " + keygen + (install == null ? "" : "; INSTALL: " + install), at));
        String lock = done(journal, Step.LOCK);
        String verify = done(journal, Step.VERIFY);
        controls.add(new ControlEvidence(unit.id(), Control.DEBUG_LOCKED.name(), verify != null,
                "LOCK: " + lock + "; VERIFY: " + (verify == null ? "not verified" : verify), at));
        if (passed && secrets != null) {
            controls.add(deliveredSecret(unit, at));
        } else if (passed) {
            PasswordHash secret = UnitSecret.generate(hasher, random);
            controls.add(new ControlEvidence(unit.id(), Control.NO_DEFAULT_PASSWORD.name(), true,
                    "per-unit secret of " + UnitSecret.LENGTH + " characters generated at the bench; recorded only as "
                            + secret.encode(), at));
        } else {
            controls.add(new ControlEvidence(unit.id(), Control.NO_DEFAULT_PASSWORD.name(), false,
                    "no per-unit secret: the unit failed at " + outcome.failedStep(), at));
        }
        if (claimed.includes(ConformityClass.CLASS_2)) {
            controls.add(new ControlEvidence(unit.id(), Control.KEY_IN_HARDWARE.name(),
                    attributes != null && attributes.hardware(),
                    attributes == null ? "token unknown" : "key token " + attributes.token(), at));
            controls.add(secureBoot(unit, verify, at));
        }
        if (claimed.includes(ConformityClass.CLASS_3)) {
            controls.add(new ControlEvidence(unit.id(), Control.CERTIFIED_MODULE.name(), parts.certifiedModule() != null,
                    "declared: " + parts.certifiedModule(), at));
            controls.add(new ControlEvidence(unit.id(), Control.PERMANENT_LOCK.name(),
                    verify != null && profile.lockLevel() == LockLevel.PERMANENT,
                    "lock level " + profile.lockLevel(), at));
        }
        return controls;
    }

    /** NO_DEFAULT_PASSWORD with the secret the workflow issued at INSTALL: installed, hashed, wrapped or not. */
    private ControlEvidence deliveredSecret(UnitRecord unit, Instant at) {
        java.util.Optional<BenchUnitSecrets.Issued> issued;
        try {
            issued = secrets.take(unit.id());
        } catch (ProvisioningException e) {
            LOG.warn("the unit secret of unit {} could not be read back: {}", unit.id(), e.oneLine(), e);
            issued = java.util.Optional.empty();
        }
        if (issued.isEmpty()) {
            return new ControlEvidence(unit.id(), Control.NO_DEFAULT_PASSWORD.name(), false,
                    "no per-unit secret is recorded for this unit", at);
        }
        String customer = secrets.customerKeySha256();
        return new ControlEvidence(unit.id(), Control.NO_DEFAULT_PASSWORD.name(), true, "per-unit secret of "
                + UnitSecret.LENGTH + " characters generated at the bench; installed in the device with its identity"
                + " as the verifier " + issued.get().verifier() + " (identity blob v2), recorded only as that hash"
                + (issued.get().wrapped() ? "; wrapped for the customer key sha256=" + customer
                + " (ECIES P-256, audit export --format secrets)" : customer == null
                ? "; not wrapped: the profile names no customer key" : ""), at);
    }

    /** SECURE_BOOT: the link must be able to confirm it, and its VERIFY must have confirmed it on this unit. */
    private ControlEvidence secureBoot(UnitRecord unit, String verify, Instant at) {
        StationCapabilities.SecureBootSupport support = parts.secureBoot();
        boolean capable = support.fuseSet() && support.signedFirmwareEnforced();
        var confirmed = dev.hallmark.engine.port.SecureBootObservation.confirmedIn(verify);
        if (capable && confirmed.isPresent()) {
            return new ControlEvidence(unit.id(), Control.SECURE_BOOT.name(), true, confirmed.get(), at);
        }
        String why = !capable ? support.evidence() : dev.hallmark.engine.port.SecureBootObservation.notConfirmedIn(verify)
                .orElse(verify == null ? "the unit was not verified" : "VERIFY did not confirm secure boot");
        return new ControlEvidence(unit.id(), Control.SECURE_BOOT.name(), false, why, at);
    }

    private static String done(List<StepEvent> journal, Step step) {
        String detail = null;
        for (StepEvent e : journal) {
            if (e.step() == step && e.status() == StepStatus.DONE) {
                detail = e.detail();
            }
        }
        return detail;
    }
}
