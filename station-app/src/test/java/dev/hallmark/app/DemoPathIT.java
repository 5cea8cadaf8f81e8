package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoLot;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
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
 * The demo path in this JVM, so the simulated devices can be inspected afterwards: each holds a private
 * key that belongs to its certificate, and refuses memory reads.
 */
class DemoPathIT {

    @Test
    void eachDeviceHoldsTheKeyOfItsCertificateAndIsReadoutProtected() throws Exception {
        Path root = HallmarkProcess.freshDir("in-process");
        DataDir dir = new DataDir(root);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, line -> { });
             SimBench sims = SimBench.start(Stm32Family.F4, 3, SimulatedVendor.transportKek(dir, station.hsm(), random,
                     line -> { }), random, SimTiming.NONE);
             DemoBench bench = DemoBench.of(sims)) {

            LotSummary summary = new DemoLot(station, bench, DemoProfile.STM32F4, "IT", "it-station", clock)
                    .run(3, UnitListener.none());

            assertThat(summary.allPassed()).as(summary.toString()).isTrue();
            List<UnitRecord> units = station.store().units("IT");
            assertThat(units).hasSize(3);
            for (SimulatedStm32 device : sims.devices()) {
                String uid = HexFormat.of().formatHex(device.uid());
                UnitRecord unit = units.stream().filter(u -> uid.equals(u.uid())).findFirst().orElseThrow();
                X509Certificate cert = Pem.parseCertificates(unit.certificatePem().getBytes(StandardCharsets.US_ASCII)).get(0);
                InstalledIdentity identity = device.installedIdentity().orElseThrow();

                assertThat(identity.certificateDer()).isEqualTo(cert.getEncoded());
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(identity.privateKey());
                signer.update(uid.getBytes(StandardCharsets.US_ASCII));
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(cert.getPublicKey());
                verifier.update(uid.getBytes(StandardCharsets.US_ASCII));
                assertThat(verifier.verify(signature)).as("device key matches its certificate").isTrue();
                assertThat(device.readoutProtectionLevel()).isEqualTo(1);
                assertThat(station.keys().find("dev-" + uid)).as("no station copy of the device key").isEmpty();
            }
        }
    }
}
