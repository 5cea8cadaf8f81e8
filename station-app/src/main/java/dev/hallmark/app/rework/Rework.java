package dev.hallmark.app.rework;

import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.ca.embedded.EmbeddedCa;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.Revoker;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rework: the device on the port wiped (readout unprotect), the certificate of the unit whose device it is revoked
 * at the CA (an identity is never left live on a wiped device), and UNIT_REWORKED chained with who approved and the
 * lock state before and after, which releases the device for a new unit with a new serial and identity.
 */
public final class Rework {

    private static final Logger LOG = LoggerFactory.getLogger(Rework.class);

    private final EmbeddedStation station;
    private final Clock clock;
    private final Consumer<String> say;

    public Rework(EmbeddedStation station, Clock clock, Consumer<String> say) {
        this.station = station;
        this.clock = clock;
        this.say = say;
    }

    /** Reworks {@code unit} (checked by {@link ReworkTarget}) on {@code port}; the device is wiped when it returns. */
    public void run(UnitRecord unit, String port, SignedIn who, Approval approval) throws ProvisioningException {
        JdbcAuditStore store = station.database().store();
        if (!(station.issuer() instanceof Revoker)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "this station's CA cannot revoke, so a rework"
                    + " would leave unit " + unit.serial() + "'s identity live on a wiped device; nothing was done");
        }
        boolean recordedLocked = store.lockEvidence(unit.id()).map(LockEvidence::locked).orElse(false);
        DeviceRework.Result device = DeviceRework.unprotect(port, clock, unit.uid(), recordedLocked);
        UnitRecord wiped = unit;
        if (!device.uid().equalsIgnoreCase(unit.uid())) {
            wiped = null;
            for (UnitRecord u : store.unitsByUid(DeviceUid.ofHex(device.uid()))) {
                if (!store.reworked(u.id()) && (wiped == null || u.id() > wiped.id())) {
                    wiped = u;
                }
            }
        }
        String revocation = wiped == null ? "no unit recorded for this UID" : revoke(wiped);
        if (wiped != null) {
            store.recordRework(wiped.id(), "by " + who.name() + (approval == null ? "" : ", approved by "
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

    /** Revokes the unit's current certificate; the note says what was done. */
    private String revoke(UnitRecord unit) throws ProvisioningException {
        if (unit.certificatePem() == null) {
            return "no certificate was issued";
        }
        Revoker revoker = (Revoker) station.issuer();
        try {
            X509Certificate cert = Pem.parseCertificates(unit.certificatePem().getBytes(StandardCharsets.US_ASCII))
                    .get(0);
            revoker.revoke(cert, RevocationReason.CESSATION_OF_OPERATION);
            station.database().store().recordRevocation(unit.id(), Pem.sha256(cert),
                    RevocationReason.CESSATION_OF_OPERATION, clock.instant());
            if (station.issuer() instanceof EmbeddedCa ca) {
                LOG.info("CRL written to {} after the rework of {}", ca.writeCrl(), unit.serial());
            }
            return "certificate serial " + cert.getSerialNumber().toString(16) + " revoked (cessation_of_operation)";
        } catch (CertificateException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the recorded certificate of unit " + unit.serial()
                    + " cannot be read", e.getMessage(), e);
        }
    }
}
