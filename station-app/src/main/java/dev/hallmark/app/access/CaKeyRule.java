package dev.hallmark.app.access;

import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.ca.embedded.EmbeddedCa;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The station-wide two-person rule for CA key operations ({@code ca: two_person_rule:} in station.yaml, on by
 * default): a CA key belongs to the station, not to a product, so no product profile switches it (decision 0014).
 */
public final class CaKeyRule {

    private CaKeyRule() {
    }

    /** Whether CA key operations need a second person on this station. */
    public static boolean on(DataDir dir) throws ProvisioningException {
        return StationConfig.load(dir.root()).ca().twoPersonRuleOn();
    }

    /**
     * Whether opening the station would generate a new embedded CA key on an established station (one whose audit
     * database exists): a CA key operation. The station's first start creates its CA before a second person can
     * exist, so it is not one.
     */
    public static boolean createsCaKey(DataDir dir) throws ProvisioningException {
        StationConfig.CaSection ca = StationConfig.load(dir.root()).ca();
        boolean embedded = ca.type() == null || "embedded".equals(ca.type().toLowerCase(Locale.ROOT));
        return embedded && Files.isDirectory(dir.audit()) && !EmbeddedCa.exists(dir.ca());
    }
}
