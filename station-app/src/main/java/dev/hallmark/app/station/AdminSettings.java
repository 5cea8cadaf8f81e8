package dev.hallmark.app.station;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.PartCheck;
import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.engine.port.StationSettings.Setting;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.hsm.info.TokenInfo;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The admin screen's view of an embedded station: its product profiles, and the HSM, CA and fixtures with their
 * settings (never a secret: the PIN file's path, not the PIN) and a check that exercises each real part.
 */
public final class AdminSettings {

    private AdminSettings() {
    }

    /** {@code busy} says whether a fixture runs a unit now: its port is then in use and is not opened for a check. */
    public static StationSettings of(EmbeddedStation station, Path pkcs11Module, List<ProductProfile> profiles,
                                     List<Fixture> fixtures, TargetLinkFactory links, Predicate<String> busy) {
        List<StationSettings.Part> parts = new ArrayList<>();
        parts.add(new StationSettings.Part("HSM", List.of(
                new Setting("PKCS#11 module", pkcs11Module.toString()),
                new Setting("Token label", station.hsm().tokenLabel()),
                new Setting("User PIN", "read from " + station.dir().hsmPin() + " (mode 0600)")), () -> hsm(station)));
        var ca = station.config().ca();
        parts.add(new StationSettings.Part("CA", List.of(
                new Setting("Type", ca.type()),
                new Setting("URL", ca.url() == null ? "- (keys in the station token)" : ca.url()),
                new Setting("Profile", ca.profile() == null ? "-" : ca.profile()),
                new Setting("Chain file", ca.chain() == null ? station.dir().ca().resolve("chain.pem").toString()
                        : ca.chain().toString())), () -> ca(station)));
        for (Fixture f : fixtures) {
            parts.add(new StationSettings.Part("Fixture " + f.id(), List.of(new Setting("Serial port", f.port()),
                    new Setting("Protocol", "STM32 system bootloader (AN3155)")), () -> fixture(f, links, busy)));
        }
        return new StationSettings(profiles, parts);
    }

    /** Reads the token through the hsm module's inspector, then uses the logged-in session pool to find a key. */
    private static PartCheck.Result hsm(EmbeddedStation station) {
        try {
            TokenInfo token = station.hsm().tokenInfo();
            boolean auditKey = station.keys().find(StationAuditKey.ALIAS).isPresent();
            return new PartCheck.Result(token.initialized() && auditKey, token.description()
                    + (token.loggedIn() ? ", logged in" : ", session open") + ", " + token.mechanisms().size()
                    + " mechanisms, station audit key " + (auditKey ? "present" : "MISSING"));
        } catch (ProvisioningException e) {
            return new PartCheck.Result(false, e.oneLine());
        }
    }

    /** Fetches the CA chain from the configured CA. */
    private static PartCheck.Result ca(EmbeddedStation station) {
        try {
            List<X509Certificate> chain = station.issuer().caChain();
            if (chain.isEmpty()) {
                return new PartCheck.Result(false, "the CA returned an empty chain");
            }
            return new PartCheck.Result(true, "chain of " + chain.size() + ": issuing CA "
                    + chain.get(0).getSubjectX500Principal().getName() + ", valid until " + chain.get(0).getNotAfter()
                    .toInstant());
        } catch (ProvisioningException e) {
            return new PartCheck.Result(false, e.oneLine());
        }
    }

    /** The device's UID, or why it cannot be read (a read-protected device keeps its memory closed). */
    private static String uid(TargetLink link) {
        try {
            return "UID " + link.readUniqueId().hex();
        } catch (ProvisioningException e) {
            return "UID not readable (" + e.getMessage() + ")";
        }
    }

    /** Opens the fixture's port and asks the device who it is. */
    private static PartCheck.Result fixture(Fixture f, TargetLinkFactory links, Predicate<String> busy) {
        if (busy.test(f.id())) {
            return new PartCheck.Result(false, "fixture " + f.id() + " is provisioning a unit; test it when idle");
        }
        TargetLink link = null;
        try {
            link = links.open(f);
            DeviceInfo info = link.identify();
            return new PartCheck.Result(true, String.format("%s answers on %s: pid 0x%03x, bootloader 0x%02x, %s",
                    info.chipFamily(), f.port(), info.productId(), info.bootloaderVersion(), uid(link)));
        } catch (ProvisioningException e) {
            return new PartCheck.Result(false, e.oneLine());
        } finally {
            if (link != null) {
                link.close();
            }
        }
    }
}
