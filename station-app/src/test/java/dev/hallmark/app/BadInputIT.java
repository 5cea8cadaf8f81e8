package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bad input ends a unit or the run with one line naming the part and what to do, a non-zero exit code,
 * a FAILED record where a unit was under way, and never a PASS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    static Path dataDir;
    static Process socat;

    @BeforeAll
    static void freshStation() throws Exception {
        dataDir = HallmarkProcess.freshDir("bad-input");
    }

    @AfterAll
    static void stopSocat() {
        if (socat != null) {
            socat.destroy();
        }
    }

    static HallmarkProcess.Result demo(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("demo", "--count", "1", "--headless", "--data-dir", dataDir.toString()));
        args.addAll(List.of(extra));
        return HallmarkProcess.run(dataDir, args.toArray(String[]::new));
    }

    static void assertOneLineError(HallmarkProcess.Result r, String code) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("hallmark: " + code + " ").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).doesNotContain("PASS ");
    }

    @Test
    @Order(1)
    void aPortThatDoesNotExistFailsTheUnitAtIdentify() throws Exception {
        // a simulated board's pseudo-terminal that is gone (a real port needs the production KEK first: KekCeremonyIT)
        HallmarkProcess.Result r = demo("--port", "sim:/dev/pts/987654");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.startsWith("FAIL ")).singleElement().asString()
                .contains("step=IDENTIFY", "HM-300 fixture:", "/dev/pts/987654");
    }

    @Test
    @Order(2)
    void aMissingPkcs11ModuleEndsTheRunWithOneLine() throws Exception {
        HallmarkProcess.Result r = demo("--pkcs11-module", "/nonexistent/libpkcs11.so");

        assertOneLineError(r, "HM-200");
        assertThat(r.err()).contains("/nonexistent/libpkcs11.so");
    }

    @Test
    @Order(3)
    void aWrongPinEndsTheRunWithOneLineAndIsNotRetried() throws Exception {
        Path pinFile = dataDir.resolve("secrets/hsm-pin");
        String pin = Files.readString(pinFile);
        Files.writeString(pinFile, "not-the-pin-0000");
        try {
            HallmarkProcess.Result r = demo();

            assertOneLineError(r, "HM-202");
            assertThat(r.err()).doesNotContain(pin.trim());
        } finally {
            Files.writeString(pinFile, pin);
            Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    @Order(4)
    void aDeviceThatDoesNotAnswerFailsTheUnitAtIdentify() throws Exception {
        Path silent = dataDir.resolve("silent-port");
        Path peer = dataDir.resolve("silent-peer");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + silent, "pty,raw,echo=0,link=" + peer)
                .redirectErrorStream(true).start();
        for (int i = 0; i < 50 && !Files.exists(silent); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }

        HallmarkProcess.Result r = demo("--port", "sim:" + silent);

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.startsWith("FAIL ")).singleElement().asString()
                .contains("step=IDENTIFY", "HM-301 device:");
    }

    @Test
    @Order(5)
    void aCaKeyMissingFromTheTokenEndsTheRunWithOneLine() throws Exception {
        OutsideTools.pkcs11Tool(dataDir, "--delete-object", "--type", "privkey", "--label", "hallmark-issuing-ca");

        HallmarkProcess.Result r = demo();

        assertOneLineError(r, "HM-400");
        assertThat(r.err()).contains("hallmark-issuing-ca");
    }

    @Test
    @Order(6)
    void noneOfItRecordedAPassAndTheFailuresCarryStepAndCause() throws Exception {
        HallmarkProcess.Result export = HallmarkProcess.run(dataDir, "audit", "export", "--data-dir",
                dataDir.toString(), "--format", "jsonl");
        assertThat(export.exit()).as(export.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> units = new ArrayList<>();
        for (String line : export.lines()) {
            units.add(json.readTree(line));
        }

        assertThat(units).hasSize(2).allSatisfy(u -> {
            assertThat(u.get("result").asText()).isEqualTo("FAILED");
            assertThat(u.get("failed_step").asText()).isEqualTo("IDENTIFY");
        });
        assertThat(units).extracting(u -> u.get("error_code").asText()).containsExactly("HM-300", "HM-301");
        assertThat(units.get(0).get("cause").asText()).contains("/dev/pts/987654");
    }
}
