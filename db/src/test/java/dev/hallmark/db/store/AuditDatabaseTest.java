package dev.hallmark.db.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseHeldByAnotherAuditDatabaseIsRefused() throws Exception {
        try (AuditDatabase held = AuditDatabase.openH2(dir)) {
            assertThatThrownBy(() -> AuditDatabase.openH2(dir))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
                        assertThat(e.getMessage()).isEqualTo("the audit database at "
                                + dir.toAbsolutePath().resolve("hallmark") + " is already open in this process");
                        assertThat(e.oneLine()).doesNotContain("\n");
                    });
            held.store().ensureLot("L1", "p", Instant.EPOCH);
        }
        try (AuditDatabase again = AuditDatabase.openH2(dir)) {
            assertThat(again.store().units(null)).isEmpty();
        }
    }

    @Test
    void aDatabaseHeldByAnotherProcessIsRefused() throws Exception {
        AuditDatabase.openH2(dir).close();
        Path ready = dir.resolve("holder.ready");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process holder = new ProcessBuilder(java, "-cp", classpath, H2Holder.class.getName(),
                "jdbc:h2:file:" + dir.toAbsolutePath().resolve("hallmark"), ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("holder.log").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!Files.exists(ready) && holder.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(ready).as("the holder process opened the database").exists();

            assertThatThrownBy(() -> AuditDatabase.openH2(dir))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
                        assertThat(e.getMessage()).isEqualTo("the audit database at "
                                + dir.toAbsolutePath().resolve("hallmark") + " is locked by another process");
                        assertThat(e.oneLine()).doesNotContain("\n");
                    });
        } finally {
            holder.destroyForcibly().waitFor();
        }
        AuditDatabase.openH2(dir).close();
    }

    @Test
    void anUnreachableServerIsReportedWithoutItsPassword() {
        assertThatThrownBy(() -> AuditDatabase.open("jdbc:h2:tcp://127.0.0.1:1/nowhere;PASSWORD=x", "sa",
                "secret".toCharArray()))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo(
                            "the audit database at jdbc:h2:tcp://127.0.0.1:1/nowhere cannot be reached");
                    assertThat(e.oneLine()).doesNotContain("secret", "PASSWORD");
                });
    }
}
