package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.serialOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.ca.embedded.CaFixture.ScriptedRandom;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serials are never reused: not within one run, not across restarts, not those of the CA certificates. */
class EmbeddedCaSerialTest {

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());

    @Test
    void aRepeatedDrawIsDrawnAgainWithinOneRun() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        EmbeddedCa ca = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(0x11, 0x11, 0x22));

        assertThat(CaFixture.issue(ca, "HM-F4-000001").getSerialNumber()).isEqualTo(serialOf(0x11));
        assertThat(CaFixture.issue(ca, "HM-F4-000002").getSerialNumber()).isEqualTo(serialOf(0x22));
    }

    @Test
    void aSerialIssuedBeforeARestartIsNotIssuedAgain() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        EmbeddedCa first = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(0x11));
        assertThat(CaFixture.issue(first, "HM-F4-000001").getSerialNumber()).isEqualTo(serialOf(0x11));

        EmbeddedCa restarted = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(0x11, 0x22));

        assertThat(CaFixture.issue(restarted, "HM-F4-000002").getSerialNumber()).isEqualTo(serialOf(0x22));
    }

    @Test
    void theCaCertificatesSerialsAreNeverALeafsEitherBeforeOrAfterARestart() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK,
                new ScriptedRandom(0x33, 0x44, 0x33, 0x44, 0x55));
        assertThat(ca.caChain()).extracting(c -> c.getSerialNumber()).containsExactly(serialOf(0x44), serialOf(0x33));

        assertThat(CaFixture.issue(ca, "HM-F4-000001").getSerialNumber()).isEqualTo(serialOf(0x55));

        EmbeddedCa restarted = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(0x44, 0x55, 0x33, 0x66));
        assertThat(CaFixture.issue(restarted, "HM-F4-000002").getSerialNumber()).isEqualTo(serialOf(0x66));
    }

    @Test
    void aRandomSourceThatKeepsRepeatingItselfIssuesNothing() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        int[] stuck = new int[1 + EmbeddedCa.SERIAL_ATTEMPTS];
        java.util.Arrays.fill(stuck, 0x11);
        EmbeddedCa ca = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(stuck));
        CaFixture.issue(ca, "HM-F4-000001");

        assertThatThrownBy(() -> CaFixture.issue(ca, "HM-F4-000002"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("random source");
        assertThat(records(dir)).hasSize(1);
        assertThat(CaFixture.issue(ca, "HM-F4-000003").getSerialNumber()).isNotEqualTo(serialOf(0x11));
    }

    @Test
    void concurrentIssuersOnOneDirectoryShareOneLogAndNeverAGivenSerial() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        // two CA objects, as a station and a second process would have, each drawing the same serials
        EmbeddedCa one = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(0x11, 0x22, 0x33, 0x44, 0x55, 0x66));
        EmbeddedCa two = EmbeddedCa.open(keys, dir, CLOCK, new ScriptedRandom(0x11, 0x22, 0x33, 0x44, 0x55, 0x66));
        List<Callable<BigInteger>> jobs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            EmbeddedCa ca = i % 2 == 0 ? one : two;
            String unit = String.format("HM-F4-%06d", i);
            jobs.add(() -> CaFixture.issue(ca, unit).getSerialNumber());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        Set<BigInteger> serials = new HashSet<>();
        try {
            for (Future<BigInteger> result : pool.invokeAll(jobs)) {
                serials.add(result.get());
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(serials).hasSize(24);
        List<String> records = records(dir);
        assertThat(records).hasSize(24);
        assertThat(records).extracting(line -> IssuedRecord.parse(line).serial()).containsExactlyInAnyOrderElementsOf(serials);
    }

    /** The record lines of issued.log, without the header. */
    static List<String> records(Path caDir) throws Exception {
        return Files.readAllLines(caDir.resolve("issued.log"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("#")).toList();
    }
}
