package dev.hallmark.db.bench;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the units table alone, as the {@link RecordGenerator} would fill it (lots of {@value RecordGenerator#LOT_SIZE},
 * four stations of eight fixtures, ~3% failures over the steps, each PASS unit with a certificate PEM), without the
 * journals, claims and evidence: what a screen that lists units reads, at a twentieth of the rows. Seeded.
 */
final class UnitTableLoader {

    private static final Logger LOG = LoggerFactory.getLogger(UnitTableLoader.class);
    private static final int BATCH = 2_000;
    private static final Step[] STEPS = Step.values();

    private final String certificatePem;
    private final Random random;

    UnitTableLoader(X509Certificate certificate, long seed) {
        this.certificatePem = Pem.certificate(certificate);
        this.random = new Random(seed);
    }

    void load(Connection c, int units) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement lot = c.prepareStatement("insert into lots (id, profile, created_at) values (?, ?, ?)");
             PreparedStatement unit = c.prepareStatement("insert into units (id, lot_id, serial, uid, chip_family,"
                     + " station, fixture, result, failed_step, error_code, cause, started_at, finished_at, cert_pem,"
                     + " cert_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int n = 1; n <= units; n++) {
                String lotId = String.format("LOT-%04d", (n - 1) / RecordGenerator.LOT_SIZE + 1);
                if ((n - 1) % RecordGenerator.LOT_SIZE == 0) {
                    lot.setString(1, lotId);
                    lot.setString(2, "bench-stm32f4");
                    lot.setObject(3, at(RecordGenerator.T0.plusSeconds(n * 12L)));
                    lot.executeUpdate();
                }
                Instant started = RecordGenerator.T0.plusSeconds(n * 12L);
                boolean pass = random.nextInt(100) >= 3;
                Step failed = pass ? null : STEPS[random.nextInt(STEPS.length - 1)];
                unit.setLong(1, n);
                unit.setString(2, lotId);
                unit.setString(3, RecordGenerator.serial(n));
                unit.setString(4, String.format("%024x", 0x5a5a_0000_0000L + n));
                unit.setString(5, "STM32F4");
                unit.setString(6, "station-" + (n % 4 + 1));
                unit.setString(7, "F" + (n % 8 + 1));
                unit.setString(8, pass ? "PASS" : "FAILED");
                unit.setString(9, failed == null ? null : failed.name());
                unit.setString(10, pass ? null : "HM-302");
                unit.setString(11, pass ? null : "the device refused a command at " + failed);
                unit.setObject(12, at(started));
                unit.setObject(13, at(started.plusSeconds(9)));
                unit.setString(14, pass ? certificatePem : null);
                unit.setString(15, pass ? HexFormat.of().formatHex(sha256.digest(
                        ("unit-" + n).getBytes(StandardCharsets.US_ASCII))) : null);
                unit.addBatch();
                if (n % BATCH == 0 || n == units) {
                    unit.executeBatch();
                    c.commit();
                }
                if (n % 100_000 == 0) {
                    LOG.info("loaded {} of {} units", n, units);
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
