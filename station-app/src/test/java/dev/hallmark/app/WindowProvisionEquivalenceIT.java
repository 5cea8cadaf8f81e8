package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.conformity.JdbcUnitSecrets;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.port.UnitSecretRecords.WrappedSecret;
import dev.hallmark.engine.workflow.CrashHook;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.ui.StationWindow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.application.Platform;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * One lot — the same profile, quota, serial scheme and simulated boards ({@code hallmark sim} on pseudo-terminals,
 * SoftHSM2, the embedded CA, H2) — run once through {@code hallmark provision} and once through the station window on
 * Monocle (a supervisor signs in and scans three labels), then the two stations' records compared field by field:
 * units, certificates' profile fields, lock evidence, conformity controls, unit secrets and lot counters must be
 * equal except times, keys and ids (UIDs, fixtures' ports, hashes, row ids). Before issue 14 the window ran without
 * lot plan, class evidence or unit secrets and this comparison failed on each of them.
 */
class WindowProvisionEquivalenceIT {

    private static final String LOT = "EQ";
    private static final String PROFILE = "demo-stm32f4";
    private static final int QUOTA = 3;
    private static final String SERIALS = "EQ-{counter:04}";
    private static final String STATION_YAML = "station: eq-station\n";

    static Path provisioned;
    static Path windowed;

    @BeforeAll
    static void runTheLotThroughBothFrontDoors() throws Exception {
        WindowDriver.headlessToolkit();
        provisioned = HallmarkProcess.freshDir("eq-provision");
        Files.writeString(provisioned.resolve("station.yaml"), STATION_YAML);
        try (StationRuns.Sim sim = StationRuns.Sim.start(QUOTA, StationRuns.simulatorKek(provisioned))) {
            List<String> args = new ArrayList<>(List.of("provision", "--lot", LOT, "--profile", PROFILE, "--count",
                    Integer.toString(QUOTA), "--serials", SERIALS, "--data-dir", provisioned.toString(), "--fixtures"));
            args.addAll(sim.ports());
            HallmarkProcess.Result run = StationRuns.run(provisioned, Map.of(), args);
            assertThat(run.exit()).as(run.toString()).isZero();
        }

        windowed = HallmarkProcess.freshDir("in-process");
        Files.writeString(windowed.resolve("station.yaml"), STATION_YAML);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        DataDir dir = new DataDir(windowed);
        try (StationRuns.Sim sim = StationRuns.Sim.start(QUOTA, StationRuns.simulatorKek(windowed));
             EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock,
                     l -> { })) {
            SimulatedVendor.transportKek(dir, station.hsm(), random, l -> { });
            // what 'hallmark station --profile demo-stm32f4 --lot EQ --quota 3 --serials ... --port ...' builds
            StationConfig config = StationConfig.load(windowed);
            ProductProfile profile = ProductProfiles.forLot(config, windowed, PROFILE);
            LotPlan plan = ProductProfiles.plan(LOT, profile, QUOTA, SERIALS);
            try (DemoBench bench = DemoBench.fixtures(ProductProfiles.fixtures(config, sim.paths(), "--port"));
                 StationUi ui = new StationUi(station, bench, new StationUi.Lot(LOT, profile, plan, null,
                         CrashHook.NONE), config.station(), SoftHsmToken.defaultModule(), Platform::runLater, clock,
                         UnitListener.none(), WindowDriver.lead(dir, random, clock), Duration.ZERO)) {
                StationWindow.show(() -> ui.signedInWindow("Station eq-station, lot " + LOT), "Hallmark - EQ IT",
                        () -> { });
                WindowDriver window = new WindowDriver();
                window.signIn();
                for (int i = 1; i <= QUOTA; i++) {
                    window.scan("EQ-LABEL-" + i);
                }
                WindowDriver.waitFor("every unit to finish", () -> WindowDriver.resultTexts().size() == QUOTA
                        && WindowDriver.resultTexts().stream().noneMatch(t -> t.equals("RUNNING") || t.equals("IDLE")));
                assertThat(WindowDriver.resultTexts()).containsOnly("PASS");
                WindowDriver.closeWindows();
            }
        }
    }

    @AfterAll
    static void stopToolkit() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theUnitsCertificatesAndLockEvidenceAreTheSame() throws Exception {
        List<Map<String, Object>> byProvision = units(provisioned);
        List<Map<String, Object>> byWindow = units(windowed);

        assertThat(byProvision).hasSize(QUOTA);
        assertThat(byWindow).usingRecursiveComparison().isEqualTo(byProvision);
    }

    @Test
    void theConformityControlsUnitSecretsAndLotCountersAreTheSame() throws Exception {
        Map<String, Object> byProvision = lotRecords(provisioned);
        Map<String, Object> byWindow = lotRecords(windowed);

        assertThat(byProvision.get("lot")).asString().contains("quota=3", "passed=3", "closed=true");
        assertThat((Map<?, ?>) byProvision.get("controls")).hasSize(QUOTA);
        assertThat(byWindow).usingRecursiveComparison().isEqualTo(byProvision);
    }

    @Test
    void theAuditChainHoldsOnBothStations() throws Exception {
        for (Path dir : List.of(provisioned, windowed)) {
            HallmarkProcess.Result verify = HallmarkProcess.run(dir, "audit", "verify", "--data-dir", dir.toString());
            assertThat(verify.exit()).as(verify.toString()).isZero();
        }
    }

    /** Each unit of the export with its certificate's profile fields, without times, keys and ids. */
    private static List<Map<String, Object>> units(Path dataDir) throws Exception {
        List<Map<String, Object>> units = new ArrayList<>();
        for (JsonNode u : StationRuns.export(dataDir, LOT)) {
            Ids ids = new Ids(u.get("uid").asText(), u.get("fixture").asText());
            Map<String, Object> unit = new TreeMap<>();
            for (String field : List.of("serial", "chip_family", "result", "failed_step", "error_code", "cause", "lot",
                    "station", "reworked_at", "certificate_revoked")) {
                unit.put(field, u.get(field).isNull() ? null : ids.strip(u.get(field).asText()));
            }
            unit.put("lock_evidence", ids.strip(u.get("lock_evidence").toString()));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(u.get("certificate").asText().getBytes(StandardCharsets.US_ASCII)));
            unit.put("cert.subject", cert.getSubjectX500Principal().getName());
            unit.put("cert.issuer", cert.getIssuerX500Principal().getName());
            unit.put("cert.san", ids.strip(String.valueOf(cert.getSubjectAlternativeNames())));
            unit.put("cert.key_usage", java.util.Arrays.toString(cert.getKeyUsage()));
            unit.put("cert.extended_key_usage", String.valueOf(cert.getExtendedKeyUsage()));
            unit.put("cert.basic_constraints", cert.getBasicConstraints());
            unit.put("cert.validity_days", Duration.between(cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant()).toDays());
            unit.put("cert.signature", cert.getSigAlgName());
            unit.put("cert.key", cert.getPublicKey().getAlgorithm() + " " + cert.getPublicKey().getFormat());
            units.add(unit);
        }
        units.sort(Comparator.comparing(u -> String.valueOf(u.get("serial"))));
        return units;
    }

    /** The lot's counters, each unit's steps, conformity controls and secret, by serial; without times, keys, ids. */
    private static Map<String, Object> lotRecords(Path dataDir) throws Exception {
        Map<String, Object> records = new LinkedHashMap<>();
        try (AuditDatabase database = AuditDatabase.openH2(new DataDir(dataDir).audit())) {
            DataSource source = AuditDataSources.embedded(new DataDir(dataDir).audit());
            LotReport lot = database.store().lotReport(LOT);
            records.put("lot", "profile=" + lot.profile() + " quota=" + lot.quota() + " passed=" + lot.passed()
                    + " failed=" + lot.failed() + " under way=" + lot.inProgress() + " closed=" + (lot.closedAt() != null));
            Map<Long, List<ControlEvidence>> controls = new JdbcConformityRecords(source).controls(LOT);
            JdbcUnitSecrets secrets = new JdbcUnitSecrets(source);
            Map<String, Object> steps = new TreeMap<>();
            Map<String, Object> byControl = new TreeMap<>();
            Map<String, Object> bySecret = new TreeMap<>();
            for (UnitRecord unit : database.store().units(LOT)) {
                Ids ids = new Ids(unit.uid(), unit.fixture());
                steps.put(unit.serial(), database.store().events(unit.id()).stream()
                        .filter(e -> e.status() == StepStatus.DONE).map(StepEvent::step).toList());
                byControl.put(unit.serial(), controls.getOrDefault(unit.id(), List.of()).stream()
                        .map(c -> c.control() + " " + c.satisfied() + " " + ids.strip(c.evidence()))
                        .sorted().toList());
                bySecret.put(unit.serial(), secrets.verifier(unit.id()).map(v -> v.substring(0, v.indexOf('$', 1) + 1)
                        .isEmpty() ? "verifier" : "verifier " + v.substring(0, v.indexOf('$', 1) + 1)).orElse("none"));
            }
            records.put("steps", steps);
            records.put("controls", byControl);
            records.put("secrets", bySecret);
            records.put("wrapped", secrets.wrapped(LOT).stream().map(WrappedSecret::serial).sorted().toList());
        }
        return records;
    }

    /** Strips what differs between two stations by nature: the device's UID, the fixture's port, times and hashes. */
    private record Ids(String uid, String fixture) {
        String strip(String text) {
            String s = text;
            if (uid != null && !uid.isEmpty()) {
                s = s.replace(uid, "<uid>").replace(uid.toUpperCase(java.util.Locale.ROOT), "<uid>")
                        .replace(uid.toLowerCase(java.util.Locale.ROOT), "<uid>");
            }
            if (fixture != null && !fixture.isEmpty()) {
                s = s.replace(fixture, "<fixture>");
            }
            // the verifier's salt and hash are random per unit; the identity blob's size follows the DER lengths
            // of the certificate's ECDSA signature (a key): both differ by nature
            s = s.replaceAll("(\\$pbkdf2-sha256\\$i=\\d+\\$)[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+", "$1<salt>\\$<hash>")
                    .replaceAll("key slot \\(\\d+ bytes", "key slot (<n> bytes")
                    // each station's simulated vendor KEK is its own random key: its check value is a key, too
                    .replaceAll("kcv=[0-9A-F]{6}", "kcv=<kcv>");
            return s.replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "<time>")
                    .replaceAll("(?i)\\b[0-9a-f]{16,}\\b", "<hex>")
                    .replaceAll("(?i)\\b([0-9a-f]{2}:){7,}[0-9a-f]{2}\\b", "<hex>")
                    .replaceAll("#\\d+", "#<id>");
        }
    }
}
