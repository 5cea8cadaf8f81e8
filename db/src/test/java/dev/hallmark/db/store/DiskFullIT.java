package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.testing.TestUnits;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database on a file system that fills up (a tmpfs of 2 MB mounted for the test; needs root): the
 * write that does not fit is refused with a typed error, every unit the store said it sealed is still there after
 * space is made, the chain verifies, and work resumes.
 */
class DiskFullIT {

    private static final String ST = "ST-01";

    @TempDir
    Path tmp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = Files.createDirectories(tmp.resolve("small"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", mount.toString()) == 0;
        assumeTrue(mounted, "a tmpfs cannot be mounted here (needs root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aFullDiskStopsTheWriteLosesNothingSealedAndWorkResumesWithSpace() throws Exception {
        List<Long> sealed = new ArrayList<>();
        ProvisioningException refused = null;
        AuditDatabase db = AuditDatabase.openH2(mount, History.signed(History.keys()));
        try {
            db.store().ensureLot(LOT, Uniqueness.PROFILE, TestUnits.at(0));
            // the schema (every migration) is in place: leave room for some units only, whatever its size
            long used;
            try (var files = Files.walk(mount)) {
                used = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            long kib = used / 1024 + 1024;
            assertThat(run("mount", "-o", "remount,size=" + kib + "k", mount.toString())).isZero();
            for (int device = 1; device <= 2_000 && refused == null; device++) {
                try {
                    sealed.add(History.passUnit(db.store(), ST, device));
                } catch (ProvisioningException e) {
                    refused = e;
                }
            }
        } finally {
            closeQuietly(db);
        }
        assertThat(refused).as("a write was refused before 2,000 units").isNotNull();
        assertThat(refused.code()).isIn(ErrorCode.AUDIT_WRITE_FAILED, ErrorCode.AUDIT_UNAVAILABLE);
        assertThat(sealed).isNotEmpty();

        assertThat(run("mount", "-o", "remount,size=64m", mount.toString())).isZero();
        try (AuditDatabase again = AuditDatabase.openH2(mount, History.signed(History.keys()))) {
            Map<Long, UnitResult> results = again.store().units(LOT).stream()
                    .collect(Collectors.toMap(UnitRecord::id, UnitRecord::result));
            for (long id : sealed) {
                assertThat(results.get(id)).as("unit #%d, sealed before the disk filled", id)
                        .isEqualTo(UnitResult.PASS);
            }
            ChainReport before = again.verifyChain();
            assertThat(before.findings()).as(String.join("\n", before.lines())).isEmpty();
            long next = History.passUnit(again.store(), ST, 5_000);
            assertThat(again.store().unit(next).orElseThrow().result()).isEqualTo(UnitResult.PASS);
            assertThat(again.verifyChain().findings()).isEmpty();
        }
    }

    private static void closeQuietly(AuditDatabase db) {
        try {
            db.close();
        } catch (RuntimeException e) {
            // closing a database whose disk is full may fail; what matters is what was committed
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
