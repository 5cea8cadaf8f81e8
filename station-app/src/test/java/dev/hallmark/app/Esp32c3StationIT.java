package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.db.conformity.JdbcUnitSecrets;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.engine.access.PasswordHash;
import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.conformity.BenchUnitSecrets;
import dev.hallmark.engine.conformity.CustomerWrap;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.fuse.esp32.EspLinkFactory;
import dev.hallmark.fuse.esp32.EspLinkOptions;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.esp32.Esp32c3Bench;
import dev.hallmark.sim.esp32.EspTiming;
import dev.hallmark.sim.esp32.SimulatedEsp32c3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One ESP32-C3 unit through the real engine on the embedded station (SoftHSM2 token, embedded CA, H2): identity
 * injected into the simulated chip's flash key slot with the unit secret's verifier (blob v2), eFuses burnt, the
 * silent loader recorded as evidence, and the secret wrapped for a customer key that reads it back.
 */
class Esp32c3StationIT {

    @Test
    void aSimulatedEsp32c3IsProvisionedAndPermanentlyLocked() throws Exception {
        Path root = HallmarkProcess.freshDir("in-process");
        DataDir dir = new DataDir(root);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, l -> { });
             Esp32c3Bench chips = Esp32c3Bench.start(1, SimulatedVendor.transportKek(dir, station.hsm(), random,
                     l -> { }), random, EspTiming.NONE)) {
            station.store().ensureLot("C3", DemoProfile.ESP32C3.name(), clock.instant());
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair customer = ec.generateKeyPair();
            JdbcUnitSecrets recorded = new JdbcUnitSecrets(AuditDataSources.embedded(dir.audit()));
            BenchUnitSecrets secrets = new BenchUnitSecrets(PasswordHasher.forTests(random), random,
                    customer.getPublic(), recorded, clock);
            StationParts parts = new StationParts("it-station", new EspLinkFactory(EspLinkOptions.defaults(), clock),
                    station.keys(), station.keys(), station.issuer(), station.store(), clock, null, secrets);
            UnitWorkflow workflow = new UnitWorkflow(parts, DemoProfile.ESP32C3, "C3", UnitListener.none());
            List<Fixture> fixtures = List.of(new Fixture("F1", chips.paths().get(0)));

            LotSummary summary = new LotRunner(workflow, "C3", clock).run(fixtures, 1, (fixture, unit) -> { });

            assertThat(summary.allPassed()).as(summary.toString()).isTrue();
            SimulatedEsp32c3 chip = chips.device(0);
            String uid = HexFormat.of().formatHex(chip.uniqueId());
            UnitRecord unit = station.store().units("C3").stream().filter(u -> uid.equals(u.uid())).findFirst()
                    .orElseThrow();
            X509Certificate cert = Pem.parseCertificates(unit.certificatePem().getBytes(StandardCharsets.US_ASCII))
                    .get(0);
            InstalledIdentity identity = chip.installedIdentity().orElseThrow();
            assertThat(identity.certificateDer()).isEqualTo(cert.getEncoded());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(identity.privateKey());
            signer.update(uid.getBytes(StandardCharsets.US_ASCII));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(cert.getPublicKey());
            verifier.update(uid.getBytes(StandardCharsets.US_ASCII));
            assertThat(verifier.verify(signer.sign())).as("the chip's key matches its certificate").isTrue();
            assertThat(chip.efuse("DIS_PAD_JTAG")).isEqualTo(1);
            assertThat(chip.efuse("DIS_DOWNLOAD_MODE")).isEqualTo(1);
            assertThat(chip.downloadModeAllowed()).isFalse();
            assertThat(station.keys().find("dev-" + uid)).as("no station copy of the device key").isEmpty();

            String recordedVerifier = recorded.verifier(unit.id()).orElseThrow();
            assertThat(identity.verifier()).as("the device holds the unit secret's verifier").contains(recordedVerifier);
            var wrapped = recorded.wrapped("C3");
            assertThat(wrapped).singleElement().satisfies(w -> assertThat(w.serial()).isEqualTo(unit.serial()));
            char[] secret = new String(CustomerWrap.unwrap(customer.getPrivate(),
                    Base64.getDecoder().decode(wrapped.get(0).wrapped()), uid), StandardCharsets.UTF_8).toCharArray();
            assertThat(PasswordHasher.verify(secret, PasswordHash.parse(identity.verifier().orElseThrow())))
                    .as("the customer's secret opens the device's verifier").isTrue();
        }
    }
}
