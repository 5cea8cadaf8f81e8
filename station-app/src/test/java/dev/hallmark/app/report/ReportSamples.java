package dev.hallmark.app.report;

import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.conformity.Control;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Seeded lot reports for layout tests and the screenshots (scripts/report-screenshots.sh): a lot of any size with
 * failures of several causes (a cable fault on one fixture for an hour, a CA outage, lock verifications), and a
 * software EC key standing in for the station's audit key (the real key is in the IT).
 */
final class ReportSamples {

    static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
    static final String PROFILE = "sensor-v2";

    private ReportSamples() {
    }

    /** Writes the 1,000-unit sample and the sample in several scripts, signed, into the directory {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path out = java.nio.file.Path.of(args.length > 0 ? args[0] : "target/report-samples");
        java.nio.file.Files.createDirectories(out);
        for (LotReport lot : List.of(lot("L-2026-11-30", 1000, "HM-", 23), lot("ロット-7", 2, "ДАТЧИК-传感器-", 5))) {
            LotReportDocument.Written w = LotReportDocument.write(lot, softwareSigner(lot.generatedAt()));
            String name = lot.units().size() > 2 ? "lot-1000" : "lot-scripts";
            java.nio.file.Files.write(out.resolve(name + ".pdf"), w.pdf());
            java.nio.file.Files.write(out.resolve(name + ".json"), w.json());
        }
    }

    /** A lot of {@code size} attempts; serials use {@code serialPrefix} (any script). */
    static LotReport lot(String lot, int size, String serialPrefix, long seed) {
        Random random = new Random(seed);
        HexFormat hex = HexFormat.of();
        List<UnitRecord> units = new ArrayList<>();
        List<LotReport.UnitEntry> entries = new ArrayList<>();
        Map<String, Integer> byCause = new TreeMap<>();
        Map<String, Integer> byStep = new TreeMap<>();
        Map<String, int[]> totals = new LinkedHashMap<>();
        int passed = 0;
        int failed = 0;
        int reworked = 0;
        Duration each = Duration.ofSeconds(size > 100 ? 29 : 40);
        for (int i = 0; i < size; i++) {
            Instant start = T0.plus(each.multipliedBy(i));
            Instant end = start.plusSeconds(24 + random.nextInt(10));
            String fixture = "fixture-" + (1 + i % 4);
            String[] failure = failure(i, size, fixture, random);
            byte[] uid = new byte[12];
            random.nextBytes(uid);
            byte[] cert = new byte[32];
            random.nextBytes(cert);
            boolean pass = failure == null;
            Instant reworkedAt = pass && size > 100 && i % 331 == 17 ? end.plus(Duration.ofHours(2)) : null;
            UnitRecord u = new UnitRecord(i + 1, lot, String.format("%s%06d", serialPrefix, i + 1), hex.formatHex(uid),
                    "STM32F4", pass ? UnitResult.PASS : UnitResult.FAILED, pass ? null : failure[1],
                    pass ? null : failure[0], pass ? null : failure[2], null, pass ? hex.formatHex(cert) : null,
                    i % 2 == 0 ? "line-1" : "line-2", fixture, start, end, reworkedAt, false);
            units.add(u);
            List<ControlEvidence> controls = controls(u, pass, end);
            for (ControlEvidence c : controls) {
                int[] t = totals.computeIfAbsent(c.control(), k -> new int[2]);
                t[1]++;
                t[0] += c.satisfied() ? 1 : 0;
            }
            entries.add(new LotReport.UnitEntry(u, controls));
            if (pass) {
                passed++;
            } else {
                failed++;
                byCause.merge(failure[0], 1, Integer::sum);
                byStep.merge(failure[1], 1, Integer::sum);
            }
            reworked += reworkedAt != null ? 1 : 0;
        }
        Instant generated = units.get(units.size() - 1).finished().plus(Duration.ofMinutes(12));
        byte[] head = new byte[32];
        random.nextBytes(head);
        List<String> chainLines = List.of(String.format("station line-1: %d events, head at seq %d, %d checkpoints,"
                + " signed up to seq %d", size * 11, size * 11, size / 2 + 1, size * 11), "OK: the audit record holds");
        return new LotReport(lot, generated, "ada.auditor", List.of("line-1", "line-2"), List.of("Class 1"),
                new LotReport.Summary(size, passed, failed, reworked, 0, size), byCause, byStep, totals, entries,
                new LotReport.ChainResult("audit chain", true, 2, chainLines, "token"),
                new LotReport.ChainResult("action log", true, 4, List.of("action chain holds: 4 actions"),
                        "anchored into the audit chain"),
                List.of(new LotReport.ActionEntry(3, T0.minusSeconds(300), "olga.operator", "PROVISION", lot, null, "OK",
                        "exit 1"), new LotReport.ActionEntry(4, generated, "ada.auditor", "LOT_REPORT", lot, null, "OK",
                        "exit 0")),
                new LotReport.Provenance(PROFILE, "0.1.0-SNAPSHOT", "station-app.jar sha256 " + hex.formatHex(head),
                        units.get(0).started(), units.get(units.size() - 1).finished()),
                new LotReport.Trust("5b1f0c8e4d2a6f7e9c3b1a0d8e7f6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b", "The pin was read "
                        + "from /var/lib/hallmark/audit-signer.sha256, which the station wrote when it created the audit "
                        + "key in its token; it is the key in the token that signs this report.",
                        List.of(new LotReport.ChainHead("line-1", size * 11L, hex.formatHex(head)),
                                new LotReport.ChainHead("line-2", size * 11L + 3, hex.formatHex(cert(random)))), null));
    }

    private static byte[] cert(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    /** {code, step, cause} or null for a pass. */
    private static String[] failure(int i, int size, String fixture, Random random) {
        if (size <= 100) {
            return null;
        }
        double hour = i * 29 / 3600.0;
        if (hour >= 2.0 && hour < 3.0 && fixture.equals("fixture-3") && random.nextInt(4) == 0) {
            return new String[] {"HM-301", "IDENTIFY", "no answer to GET after 3 re-syncs (fixture-3 cable)"};
        }
        if (hour >= 5.5 && hour < 5.8 && random.nextInt(5) == 0) {
            return new String[] {"HM-401", "ISSUE", "CA unreachable: connection refused"};
        }
        int r = random.nextInt(1000);
        if (r < 6) {
            return new String[] {"HM-307", "VERIFY", "READ_MEMORY 0x08000000 -> ACK after lock"};
        }
        if (r < 10) {
            return new String[] {"HM-306", "INSTALL", "certificate read back differs at byte 412"};
        }
        if (r < 12) {
            return new String[] {"HM-302", "LOCK", "WRITE_PROTECT -> NACK"};
        }
        return null;
    }

    private static List<ControlEvidence> controls(UnitRecord u, boolean pass, Instant at) {
        List<ControlEvidence> c = new ArrayList<>();
        c.add(new ControlEvidence(u.id(), Control.CLASS_PREREQUISITES.name(), true, "Class 1 claimed by profile "
                + PROFILE + " (two-person rule off); prerequisites met before the first unit: unique identity", at));
        c.add(new ControlEvidence(u.id(), Control.UNIQUE_IDENTITY.name(), pass, "uid=" + u.uid(), at));
        boolean keyMade = pass || !"IDENTIFY".equals(u.failedStep());
        c.add(new ControlEvidence(u.id(), Control.KEY_GENERATED_IN_TOKEN.name(), keyMade, "CKA_LOCAL=true", at));
        c.add(new ControlEvidence(u.id(), Control.DEBUG_LOCKED.name(), pass, pass ? "VERIFY: READ_MEMORY -> NACK"
                : "not verified", at));
        c.add(new ControlEvidence(u.id(), Control.NO_DEFAULT_PASSWORD.name(), pass, pass ? "per-unit secret" : "none",
                at));
        return c;
    }

    /** A software EC P-256 key with a self-signed certificate, in place of the token's audit key. */
    static ReportSigner softwareSigner(Instant now) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        return new ReportSigner(ReportSigner.selfSigned(pair.getPublic(), signer, now, new SecureRandom()),
                new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    }
}
