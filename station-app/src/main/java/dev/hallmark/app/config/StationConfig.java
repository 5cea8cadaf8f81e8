package dev.hallmark.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The station's configuration, read from {@code station.yaml} in the data directory; every section is
 * optional and defaults to the embedded default (SoftHSM2 token "hallmark", embedded CA). Secrets are
 * never in this file: it names the files that hold them (0600).
 *
 * @param station  the station's name in the audit records (default: the host name)
 * @param ca       the certificate authority (default: embedded)
 * @param hsm      the station token (default: SoftHSM2 token "hallmark" in the data directory, PIN in
 *                 secrets/hsm-pin)
 * @param deviceTokens the device tokens at the fixtures for on-device custody, by fixture id (default: none)
 * @param profiles product profiles by name, for {@code hallmark provision --profile} (docs/lots.md)
 * @param fixtures fixtures by name: the serial port each one's device is reached through (best a stable
 *                 /dev/serial/by-path link, so a replugged adapter is found again)
 * @param fixtureResets by fixture name: the bootloader entry:exit sequence on the adapter's DTR/RTS, in
 *                 stm32flash -i syntax (docs/fixtures.md)
 * @param debugProbes the fixtures' debug probes by fixture name, the lock's second witness (default: none)
 */
public record StationConfig(String station, CaSection ca, TokenSection hsm,
                            @JsonProperty("device_tokens") Map<String, TokenSection> deviceTokens,
                            Map<String, ProfileSection> profiles, Map<String, String> fixtures,
                            @JsonProperty("fixture_resets") Map<String, String> fixtureResets,
                            @JsonProperty("debug_probes") Map<String, ProbeSection> debugProbes) {

    /** The file name inside the data directory. */
    public static final String FILE = "station.yaml";

    public StationConfig {
        ca = ca == null ? CaSection.EMBEDDED : ca;
        hsm = hsm == null ? new TokenSection(null, null, null, null, null) : hsm;
        deviceTokens = deviceTokens == null ? Map.of() : Map.copyOf(deviceTokens);
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        fixtures = fixtures == null ? Map.of() : Map.copyOf(fixtures);
        fixtureResets = fixtureResets == null ? Map.of() : Map.copyOf(fixtureResets);
        debugProbes = debugProbes == null ? Map.of() : Map.copyOf(debugProbes);
    }

    /** Without reset sequences or debug probes. */
    public StationConfig(String station, CaSection ca, TokenSection hsm, Map<String, TokenSection> deviceTokens,
                         Map<String, ProfileSection> profiles, Map<String, String> fixtures) {
        this(station, ca, hsm, deviceTokens, profiles, fixtures, null, null);
    }

    /** The station's id in the audit records: {@code station:} of station.yaml, else the host name (as the fronts use). */
    public String stationId() {
        if (station != null) {
            return station;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "station-1";
        }
    }

    /** A configuration of the station's name and CA only: default station token, no device tokens, profiles or fixtures. */
    public StationConfig(String station, CaSection ca) {
        this(station, ca, null, null, null, null, null, null);
    }

    /** The configuration in {@code dataDir}, or the embedded default when there is none. */
    public static StationConfig load(Path dataDir) throws ProvisioningException {
        Path file = dataDir.resolve(FILE);
        ObjectMapper yaml = QuietYaml.mapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        try {
            StationConfig config = yaml.readValue(Files.readAllBytes(file), StationConfig.class);
            return config == null ? new StationConfig(null, null) : config;
        } catch (NoSuchFileException e) {
            return new StationConfig(null, null);
        } catch (JsonProcessingException e) {
            // never the parser's message nor the exception as the cause: both quote the file's text
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the station configuration " + file
                    + " cannot be read: " + QuietYaml.describe(e), QuietYaml.kind(e), null);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the station configuration " + file
                    + " cannot be read", e.getMessage(), e);
        }
    }

    /**
     * Which CA issues device certificates, and how it is reached.
     *
     * @param type     embedded, cfssl or cmp
     * @param url      the remote CA's URL (cfssl, cmp)
     * @param chain    PEM file of the remote CA's chain, issuing CA first, root (trust anchor) last
     * @param profile  the cfssl signing profile
     * @param authKeyFile the cfssl profile's HMAC auth key, hex, in a 0600 file
     * @param pinnedCa PEM file the cfssl server's TLS certificate must chain to
     * @param recipient the CMP recipient DN
     * @param requestType ir, cr or p10cr (CMP)
     * @param secretFile the CMP shared secret (PBM), in a 0600 file
     * @param reference the CMP sender key identifier / reference for PBM
     * @param twoPersonRule whether CA key operations (revoke, CRL, a new CA key, the revocation of a rework) need a
     *                  second person, station-wide whatever the product profile (default: on; decision 0014)
     */
    public record CaSection(String type, String url, Path chain, String profile,
                            @JsonProperty("auth_key_file") Path authKeyFile, @JsonProperty("pinned_ca") Path pinnedCa,
                            String recipient, @JsonProperty("request_type") String requestType,
                            @JsonProperty("secret_file") Path secretFile, String reference,
                            @JsonProperty("two_person_rule") Boolean twoPersonRule) {
        static final CaSection EMBEDDED = new CaSection("embedded", null, null, null, null, null, null, null, null, null);

        /** A CA section without the two-person setting (it defaults to on). */
        public CaSection(String type, String url, Path chain, String profile, Path authKeyFile, Path pinnedCa,
                         String recipient, String requestType, Path secretFile, String reference) {
            this(type, url, chain, profile, authKeyFile, pinnedCa, recipient, requestType, secretFile, reference, null);
        }

        /** Whether CA key operations need a second person: on unless station.yaml says {@code two_person_rule: false}. */
        public boolean twoPersonRuleOn() {
            return twoPersonRule == null || twoPersonRule;
        }
    }
}
