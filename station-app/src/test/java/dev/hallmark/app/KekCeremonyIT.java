package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The road from the demo to a real line, on simulated boards attached through real ports (pseudo-terminals named
 * without {@code sim:}): provision refuses without a production KEK and touches no board; a split-knowledge ceremony
 * of two components (custodians' 0600 files) brings the KEK in; the station's JVM, dumped right after the ceremony,
 * holds neither component nor the combined KEK; then the same provision passes and the simulator unwraps the device
 * key with its own copy of the combined KEK.
 */
class KekCeremonyIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void realPortsRefuseWithoutTheCeremonyAndTheSimulatorUnwrapsUnderTheCombinedKek() throws Exception {
        Path dataDir = HallmarkProcess.freshDir("kek-ceremony");
        // the test keeps the secrets only as hex text, so its own memory never holds their raw bytes
        String c1 = randomHex();
        String c2 = randomHex();
        String kekHex = xorHex(c1, c2);
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, HexFormat.of().parseHex(kekHex), RANDOM, SimTiming.NONE)) {
            SimulatedStm32 device = bench.device(0);
            List<String> provision = List.of("provision", "--lot", "LINE-1", "--profile", "demo-stm32f4", "--count",
                    "1", "--json", "--data-dir", dataDir.toString(), "--fixtures", device.path());

            HallmarkProcess.Result refused = StationRuns.run(dataDir, Map.of(), provision);

            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("hallmark: HM-230 HSM: no production transport KEK", "hallmark kek import");
            assertThat(refused.out()).isEmpty();
            assertThat(device.installedIdentity()).isEmpty();
            assertThat(Files.exists(dataDir.resolve("sim").resolve("vendor-transport-kek")))
                    .as("no simulated KEK was made for a real port").isFalse();

            Map<String, String> admin = HallmarkProcess.signedIn(dataDir, "admin",
                    HallmarkProcess.adminPassword(new HallmarkProcess.Result(0, refused.err(), "")));
            List<String> ceremony = List.of("kek", "import", "--split", "2", "--custodian", "alice", "--custodian",
                    "bob", "--component-file", secret(dataDir, "alice", c1).toString(), "--component-file",
                    secret(dataDir, "bob", c2).toString(), "--data-dir", dataDir.toString(), "--operator", "admin");
            Process station = StationRuns.start(dataDir, admin, ceremony);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!StationRuns.outSoFar(station).contains("Vendor's KCV") && station.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(station.isAlive()).as("the ceremony waits for the vendor's KCV: " + StationRuns.outSoFar(station))
                    .isTrue();
            Path dump = dataDir.resolve("station-after-ceremony.hprof");
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(station.pid()), "GC.heap_dump", dump.toString()).redirectErrorStream(true).start();
            String jcmdOut = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jcmd.waitFor()).as(jcmdOut).isZero();
            try (OutputStream in = station.getOutputStream()) {
                in.write((kcvEcb(kekHex) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            HallmarkProcess.Result done = StationRuns.finish(station, ceremony);

            assertThat(done.exit()).as(done.toString()).isZero();
            assertThat(done.out()).contains(
                    "component 1 of 2 (custodian alice): KCV " + kcvEcb(c1) + " (AES-ECB zero block), " + kcvCmac(c1)
                            + " (AES-CMAC zero block)",
                    "component 2 of 2 (custodian bob): KCV " + kcvEcb(c2) + " (AES-ECB zero block)",
                    "KCV " + kcvEcb(kekHex) + " (AES-ECB zero block), " + kcvCmac(kekHex) + " (AES-CMAC zero block)",
                    "KCV matches the vendor's",
                    "no CKM_XOR_BASE_AND_DATA");
            assertThat(done.out()).doesNotContain(c1, c2, kekHex);

            byte[] heap = Files.readAllBytes(dump);
            assertThat(indexOf(heap, "hallmark-transport-kek".getBytes(StandardCharsets.US_ASCII)))
                    .as("the dump is of the station that ran the ceremony").isNotNegative();
            assertThat(indexOf(heap, HexFormat.of().parseHex(kekHex))).as("combined KEK in the heap").isNegative();
            assertThat(indexOf(heap, HexFormat.of().parseHex(c1))).as("component 1 in the heap").isNegative();
            assertThat(indexOf(heap, HexFormat.of().parseHex(c2))).as("component 2 in the heap").isNegative();
            Files.delete(dump);

            HallmarkProcess.Result list = StationRuns.run(dataDir, Map.of(), List.of("kek", "list", "--data-dir",
                    dataDir.toString()));
            assertThat(list.out()).contains("hallmark-transport-kek  production  KCV " + kcvEcb(kekHex),
                    "by alice, bob");

            HallmarkProcess.Result passed = StationRuns.run(dataDir, Map.of(), provision);

            assertThat(passed.exit()).as(passed.toString()).isZero();
            JsonNode unit = StationRuns.jsonLines(passed).get(0);
            assertThat(unit.get("result").asText()).isEqualTo("PASS");
            InstalledIdentity identity = device.installedIdentity().orElseThrow();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.certificateDer())))
                    .as("the simulator unwrapped the unit's key under its copy of the combined KEK")
                    .isEqualTo(unit.get("cert_sha256").asText());
        }
    }

    @Test
    void theHeapSearchFindsAPlantedCopy() throws Exception {
        Path dir = HallmarkProcess.freshDir("kek-heap-plant");
        byte[] planted = new byte[32];
        RANDOM.nextBytes(planted);
        String needle = HexFormat.of().formatHex(planted);
        Path dump = dir.resolve("planted.hprof");
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpHeap(dump.toString(), true);

        byte[] heap = Files.readAllBytes(dump);
        assertThat(indexOf(heap, HexFormat.of().parseHex(needle))).isNotNegative();
        assertThat(planted).hasSize(32); // keeps the planted copy alive until after the dump
        Files.delete(dump);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String randomHex() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        java.util.Arrays.fill(b, (byte) 0);
        return hex;
    }

    private static String xorHex(String a, String b) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < a.length(); i++) {
            out.append(Character.forDigit(Character.digit(a.charAt(i), 16) ^ Character.digit(b.charAt(i), 16), 16));
        }
        return out.toString();
    }

    private static Path secret(Path dir, String who, String hex) throws Exception {
        Path f = dir.resolve("component-" + who);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, hex + "\n");
        return f;
    }

    static String kcvEcb(String keyHex) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(keyHex), "AES"));
        return HexFormat.of().withUpperCase().formatHex(aes.doFinal(new byte[16]), 0, 3);
    }

    static String kcvCmac(String keyHex) {
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(HexFormat.of().parseHex(keyHex)));
        mac.update(new byte[16], 0, 16);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return HexFormat.of().withUpperCase().formatHex(out, 0, 3);
    }
}
