package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code hallmark doctor} against a real station (SoftHSM2, embedded CA, H2, a fixture on a pseudo-terminal): every
 * item passes on a healthy station, and each fails on its own fault — missing KEK, wrong PIN, a CA expiring within
 * 30 days, the database held by another process, a missing port, a disk below the threshold — with exit 1 and only
 * that item named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorCommandIT {

    static Path dataDir;
    static SimBench bench;
    static Map<String, String> admin;
    static String yaml;

    @BeforeAll
    static void station() throws Exception {
        dataDir = HallmarkProcess.freshDir("doctor");
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        bench = SimBench.start(Stm32Family.F4, 1, kek, new SecureRandom(), SimTiming.NONE);
        yaml = "fixtures:\n  F1: " + bench.device(0).path() + "\n";
        Files.writeString(dataDir.resolve("station.yaml"), yaml);
        HallmarkProcess.Result init = StationRuns.run(dataDir, Map.of(), List.of("ca", "init", "--data-dir",
                dataDir.toString()));
        assertThat(init.exit()).as(init.toString()).isZero();
        admin = HallmarkProcess.signedIn(dataDir, "admin", HallmarkProcess.adminPassword(init));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }

    private static HallmarkProcess.Result doctor(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("doctor", "--data-dir", dataDir.toString()));
        args.addAll(List.of(more));
        return StationRuns.run(dataDir, Map.of(), args);
    }

    private static void assertOnlyFailed(HallmarkProcess.Result r, String item) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).containsPattern("(?m)^FAIL  " + item)
                .contains("items failed: " + item + "\n");
    }

    @Test
    @Order(1)
    void aStationWithoutAProductionKekFailsOnThatItemAlone() throws Exception {
        HallmarkProcess.Result r = doctor();

        assertOnlyFailed(r, "kek");
        assertThat(r.out()).contains("hallmark kek import").containsPattern("(?m)^OK    hsm .*PIN accepted \\(not shown\\)")
                .containsPattern("(?m)^OK    database").containsPattern("(?m)^OK    fixture F1")
                .containsPattern("(?m)^OK    ca .*expires first, in \\d+ days").containsPattern("(?m)^OK    disk")
                .containsPattern("(?m)^(OK|WARN)  clock").containsPattern("(?m)^OK    version +hallmark ");
    }

    @Test
    @Order(2)
    void afterTheCeremonyEveryItemPasses() throws Exception {
        Path a = secret("a");
        Path b = secret("b");
        HallmarkProcess.Result ceremony = StationRuns.run(dataDir, admin, List.of("kek", "import", "--split", "2",
                "--custodian", "ann", "--custodian", "ben", "--component-file", a.toString(), "--component-file",
                b.toString(), "--vendor-kcv", "", "--data-dir", dataDir.toString(), "--operator", "admin"));
        assertThat(ceremony.exit()).as(ceremony.toString()).isZero();

        HallmarkProcess.Result r = doctor();

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("(?m)^OK    kek .*KCV [0-9A-F]{6} \\(AES-ECB zero block\\).* by ann, ben")
                .contains("none failed");
    }

    @Test
    @Order(3)
    void aWrongPinFailsTheHsmItem() throws Exception {
        Path pin = new DataDir(dataDir).hsmPin();
        byte[] right = Files.readAllBytes(pin);
        Files.writeString(pin, "not-the-pin-0000");
        try {
            HallmarkProcess.Result r = doctor();
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).containsPattern("(?m)^FAIL  hsm .*HM-202").contains("items failed: hsm, kek")
                    .doesNotContain("not-the-pin-0000");
        } finally {
            Files.write(pin, right);
        }
    }

    @Test
    @Order(4)
    void aCaExpiringWithinThirtyDaysFailsTheCaItem() throws Exception {
        Path chain = dataDir.resolve("soon.pem");
        Files.writeString(chain, selfSignedPem(Duration.ofDays(10)));
        Files.writeString(dataDir.resolve("station.yaml"), yaml + "ca:\n  type: cfssl\n  url: http://127.0.0.1:9/\n"
                + "  chain: " + chain + "\n");
        try {
            HallmarkProcess.Result r = doctor();
            assertOnlyFailed(r, "ca");
            assertThat(r.out()).containsPattern("(?m)^FAIL  ca .*expires within 30 days.*in (9|10) days");
        } finally {
            Files.writeString(dataDir.resolve("station.yaml"), yaml);
        }
    }

    @Test
    @Order(5)
    void aDatabaseHeldByAnotherProcessFailsTheDatabaseItem() throws Exception {
        try (AuditDatabase held = AuditDatabase.openH2(new DataDir(dataDir).audit())) {
            HallmarkProcess.Result r = doctor();
            assertOnlyFailed(r, "database");
        }
    }

    @Test
    @Order(6)
    void aMissingPortFailsItsFixtureItem() throws Exception {
        HallmarkProcess.Result r = doctor("--fixtures", "/dev/pts/987654");
        assertOnlyFailed(r, "fixture /dev/pts/987654");
        assertThat(r.out()).contains("/dev/pts/987654 is missing");
    }

    @Test
    @Order(7)
    void aDiskBelowTheThresholdFailsTheDiskItemAndJsonSaysSo() throws Exception {
        HallmarkProcess.Result r = doctor("--min-free-mb", "999999999");
        assertOnlyFailed(r, "disk");

        HallmarkProcess.Result json = doctor("--min-free-mb", "999999999", "--json");
        assertThat(json.exit()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.get("checks")).anySatisfy(c -> {
            assertThat(c.get("item").asText()).isEqualTo("disk");
            assertThat(c.get("status").asText()).isEqualTo("FAIL");
        });
    }

    private static Path secret(String name) throws Exception {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        Path f = dataDir.resolve("component-" + name);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, HexFormat.of().formatHex(b));
        return f;
    }

    private static String selfSignedPem(Duration validFor) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Expiring Root,O=Hallmark IT");
        var cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plus(validFor)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return dev.hallmark.engine.crypto.Pem.certificate(cert);
    }
}
