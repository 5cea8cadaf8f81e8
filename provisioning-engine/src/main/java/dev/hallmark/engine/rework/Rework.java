package dev.hallmark.engine.rework;

import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.CrlPublisher;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.ReworkRecords;
import dev.hallmark.engine.port.Revoker;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rework: the device on the port wiped (readout unprotect), the certificate of the unit whose device it is revoked
 * at the CA (an identity is never left live on a wiped device) and a CRL published where the CA can, and
 * UNIT_REWORKED recorded with who approved and the lock state before and after, which releases the device for a new
 * unit with a new serial and identity. Each part is an optional capability of its port, found with {@code instanceof}
 * on the capability interface (decision 0017); a missing required one refuses before the device is touched.
 */
public final class Rework {

    private static final Logger LOG = LoggerFactory.getLogger(Rework.class);

    private final AuditStore store;
    private final ReworkRecords records;
    private final Revoker revoker;
    private final CrlPublisher crls;
    private final TargetLinkFactory links;
    private final Clock clock;
    private final Consumer<String> say;

    /**
     * A rework over the station's ports. Refuses (CONFIG_INVALID) when the store keeps no rework records or the CA
     * cannot revoke; {@code links} opens the link for the unit's chip family on the fixture's port.
     */
    public Rework(AuditStore store, CertificateIssuer issuer, TargetLinkFactory links, Clock clock,
                  Consumer<String> say) throws ProvisioningException {
        this.store = Objects.requireNonNull(store, "store");
        if (!(store instanceof ReworkRecords reworkRecords)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "this station's audit store keeps no rework"
                    + " records; nothing was done");
        }
        if (!(issuer instanceof Revoker issuerRevoker)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "this station's CA cannot revoke, so a rework"
                    + " would leave the unit's identity live on a wiped device; nothing was done");
        }
        this.records = reworkRecords;
        this.revoker = issuerRevoker;
        this.crls = issuer instanceof CrlPublisher publisher ? publisher : null;
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.say = Objects.requireNonNull(say, "say");
    }

    /** Reworks {@code unit} (checked by {@link ReworkTarget}) on {@code port}; the device is wiped when it returns. */
    public void run(UnitRecord unit, String port, SignedIn who, Approval approval) throws ProvisioningException {
        boolean recordedLocked = records.lockEvidence(unit.id()).map(LockEvidence::locked).orElse(false);
        DeviceWipe.Result device = DeviceWipe.run(links, port, unit.uid(), recordedLocked);
        UnitRecord wiped = unit;
        if (!device.uid().equalsIgnoreCase(unit.uid())) {
            wiped = null;
            for (UnitRecord u : records.unitsByUid(DeviceUid.ofHex(device.uid()))) {
                if (!records.reworked(u.id()) && (wiped == null || u.id() > wiped.id())) {
                    wiped = u;
                }
            }
        }
        String revocation = wiped == null ? "no unit recorded for this UID" : revoke(wiped);
        if (wiped != null) {
            records.recordRework(wiped.id(), "by " + who.name() + (approval == null ? "" : ", approved by "
                    + approval.approver().name()) + "; port " + port + "; lock before: " + device.before()
                    + "; after: " + device.after() + "; " + revocation);
        }
        if (wiped != unit) {
            throw new ProvisioningException(ErrorCode.REWORK_WRONG_DEVICE, "the device wiped on " + port + " has UID "
                    + device.uid() + ", not unit " + unit.serial() + "'s (" + unit.uid() + "); "
                    + (wiped == null ? "no unit is recorded for it" : "it was unit " + wiped.serial()
                    + ", now recorded as reworked (" + revocation + ")") + "; unit " + unit.serial() + " is unchanged");
        }
        say.accept("reworked " + unit.serial() + " on " + port + ": " + device.after() + "; " + revocation
                + "; provision the device again as a new unit");
    }

    /** Revokes the unit's current certificate and publishes a CRL where the CA can; the note says what was done. */
    private String revoke(UnitRecord unit) throws ProvisioningException {
        if (unit.certificatePem() == null) {
            return "no certificate was issued";
        }
        X509Certificate cert;
        try {
            cert = Pem.parseCertificates(unit.certificatePem().getBytes(StandardCharsets.US_ASCII)).get(0);
        } catch (CertificateException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the recorded certificate of unit " + unit.serial()
                    + " cannot be read", e.getMessage(), e);
        }
        revoker.revoke(cert, RevocationReason.CESSATION_OF_OPERATION);
        store.recordRevocation(unit.id(), Pem.sha256(cert), RevocationReason.CESSATION_OF_OPERATION, clock.instant());
        if (crls != null) {
            LOG.info("CRL published to {} after the rework of {}", crls.publishCrl().location(), unit.serial());
        }
        return "certificate serial " + cert.getSerialNumber().toString(16) + " revoked (cessation_of_operation)";
    }
}
