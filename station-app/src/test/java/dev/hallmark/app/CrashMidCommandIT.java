package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL from outside while a serial command is half sent: the device (device-sim in this JVM, so it outlives the
 * station, at 9600 baud so a 256-byte WRITE_MEMORY block takes about a quarter of a second on the wire) has its key
 * slot's first block programmed and the second on the wire when the station dies. The same command run again must
 * resume the unit: a new key (the session key died with the station), the first certificate revoked, the identity
 * written again, the lock set and verified; the device then holds exactly the identity the unit records. And SIGKILL
 * while the device resets after READOUT_PROTECT: the resumed unit finds the device locked, goes on to VERIFY and
 * keeps its certificate.
 */
class CrashMidCommandIT {

    private static final long KEY_SLOT = 0x080E0000L;

    @Test
    void aStationKilledInTheMiddleOfWritingTheKeySlotResumesTheUnitToPass() throws Exception {
        Path dataDir = HallmarkProcess.freshDir("crash-mid-command");
        byte[] kek = Files.readAllBytes(StationRuns.simulatorKek(dataDir));
        SimTiming slow = new SimTiming(9600, false, Duration.ofMillis(2), Duration.ofMillis(1), Duration.ofMillis(50));
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, kek, new SecureRandom(), slow)) {
            SimulatedStm32 device = bench.device(0);
            List<String> args = new ArrayList<>(List.of("provision", "--lot", "MID", "--profile", "demo-stm32f4",
                    "--count", "1", "--json", "--data-dir", dataDir.toString(), "--fixtures", "sim:" + device.path()));

            Process station = StationRuns.start(dataDir, Map.of(), args);
            while (station.isAlive() && erased(device.peek(KEY_SLOT, 16))) {
                Thread.sleep(2);
            }
            station.destroyForcibly();
            HallmarkProcess.Result killed = StationRuns.finish(station, args);

            assertThat(killed.exit()).as("killed, not finished: " + killed).isEqualTo(137);
            assertThat(device.installedIdentity()).as("the key slot was left half written").isEmpty();
            assertThat(device.readoutProtectionLevel()).isZero();

            HallmarkProcess.Result again = StationRuns.run(dataDir, Map.of(), args);

            assertThat(again.exit()).as(again.toString()).isZero();
            List<JsonNode> lines = StationRuns.jsonLines(again);
            assertThat(lines).hasSize(1);
            JsonNode unit = lines.get(0);
            assertThat(unit.get("result").asText()).isEqualTo("PASS");
            assertThat(again.err()).contains("(1 resumed)");
            assertThat(device.readoutProtectionLevel()).isEqualTo(1);

            InstalledIdentity identity = device.installedIdentity().orElseThrow();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.certificateDer())))
                    .as("the device holds the unit's certificate").isEqualTo(unit.get("cert_sha256").asText());
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(identity.certificateDer()));
            Signature sign = Signature.getInstance("SHA256withECDSA");
            sign.initSign(identity.privateKey());
            byte[] challenge = "the device's key is the certificate's".getBytes(StandardCharsets.US_ASCII);
            sign.update(challenge);
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(cert.getPublicKey());
            verify.update(challenge);
            assertThat(verify.verify(sign.sign())).as("the device's key belongs to its certificate").isTrue();

            assertThat(StationRuns.unrevokedBySerial(dataDir).get(unit.get("serial").asText()))
                    .containsExactly(unit.get("cert_sha256").asText());
            assertThat(Files.readAllLines(dataDir.resolve("ca/revoked.log"))).filteredOn(l -> l.endsWith("SUPERSEDED"))
                    .hasSize(1);
            HallmarkProcess.Result verifyChain = HallmarkProcess.run(dataDir, "audit", "verify", "--data-dir",
                    dataDir.toString());
            assertThat(verifyChain.exit()).as(verifyChain.toString()).isZero();
        }
    }

    @Test
    void aStationKilledWhileTheDeviceResetsFromItsLockResumesAtVerifyWithoutLockingAgain() throws Exception {
        Path dataDir = HallmarkProcess.freshDir("crash-mid-lock");
        byte[] kek = Files.readAllBytes(StationRuns.simulatorKek(dataDir));
        SimTiming deafAfterReset = new SimTiming(0, false, Duration.ZERO, Duration.ZERO, Duration.ofMillis(350));
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, kek, new SecureRandom(), deafAfterReset)) {
            SimulatedStm32 device = bench.device(0);
            List<String> args = new ArrayList<>(List.of("provision", "--lot", "MIDLOCK", "--profile", "demo-stm32f4",
                    "--count", "1", "--json", "--data-dir", dataDir.toString(), "--fixtures", "sim:" + device.path()));

            Process station = StationRuns.start(dataDir, Map.of(), args);
            while (station.isAlive() && device.readoutProtectionLevel() == 0) {
                Thread.sleep(1);
            }
            station.destroyForcibly();
            HallmarkProcess.Result killed = StationRuns.finish(station, args);

            assertThat(killed.exit()).as("killed during the reset: " + killed).isEqualTo(137);
            assertThat(killed.out()).as("no unit finished").isEmpty();
            assertThat(device.readoutProtectionLevel()).isEqualTo(1);

            HallmarkProcess.Result again = StationRuns.run(dataDir, Map.of(), args);

            assertThat(again.exit()).as(again.toString()).isZero();
            JsonNode unit = StationRuns.jsonLines(again).get(0);
            assertThat(unit.get("result").asText()).isEqualTo("PASS");
            assertThat(Files.readString(dataDir.resolve("logs/hallmark.log")))
                    .contains("last step done INSTALL, continuing from LOCK");
            assertThat(device.installedIdentity()).map(id -> sha256(id.certificateDer()))
                    .contains(unit.get("cert_sha256").asText());
            assertThat(StationRuns.unrevokedBySerial(dataDir).get(unit.get("serial").asText()))
                    .containsExactly(unit.get("cert_sha256").asText());
            assertThat(StationRuns.export(dataDir, "MIDLOCK").get(0).get("lock_evidence").get("locked").asBoolean())
                    .isTrue();
        }
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean erased(byte[] bytes) {
        for (byte b : bytes) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
