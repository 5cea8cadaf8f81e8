package dev.hallmark.db.chain;

import static dev.hallmark.db.chain.ChainFormat.GENESIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainFormatTest {

    /** The test vector of docs/decisions/0003, computed also by an independent implementation (Python). */
    private static final String PINNED = "e019ee4098da30470dfc4682ebc9e5f79791cd99062253e1f919456b87f168ee";
    private static final Instant AT = Instant.parse("2026-03-02T08:15:30.123456789Z");
    private static final AuditEvent STEP = AuditEvent.step("ST-\u00e9", "L1", 7, AT, "CLAIM", "DONE",
            "serial HM000001");

    @Test
    void anEventIsEncodedAsLengthPrefixedUtf8FieldsInTheDocumentedOrder() throws IOException {
        byte[] expected = fields("hallmark.audit-event.v1", "ST-\u00e9", "3", GENESIS, "STEP", "L1", "7",
                "2026-03-02T08:15:30.123456Z", null, null, null, null, null, "CLAIM", "DONE", null, null, null, null,
                null, null, "serial HM000001");

        assertThat(ChainFormat.eventBytes(STEP, 3, GENESIS)).isEqualTo(expected);
        assertThat(expected).startsWith(0, 0, 0, 23);
        assertThat(ChainFormat.eventHash(STEP, 3, GENESIS)).isEqualTo(ChainFormat.sha256Hex(expected));
    }

    @Test
    void theHashOfAKnownEventIsPinned() {
        AuditEvent sealed = AuditEvent.unitSealed("ST-01", "LOT-1", 42, Instant.parse("2026-03-02T08:15:30Z"),
                "FAILED", "ISSUE", "HM-401", "the CA did not answer");
        assertThat(ChainFormat.eventHash(sealed, 1, GENESIS)).isEqualTo(PINNED);
    }

    @Test
    void everyFieldTheSeqAndThePreviousHashChangeTheHash() {
        AuditEvent lock = AuditEvent.lockEvidence("ST-01", "L1", 7, AT, "READOUT_PROTECTED", true, "[\"a\"]");
        List<String> hashes = List.of(
                ChainFormat.eventHash(STEP, 3, GENESIS),
                ChainFormat.eventHash(STEP, 4, GENESIS),
                ChainFormat.eventHash(STEP, 3, "1".repeat(64)),
                ChainFormat.eventHash(AuditEvent.step("ST-01", "L1", 7, AT, "CLAIM", "DONE", "serial HM000001"), 3,
                        GENESIS),
                ChainFormat.eventHash(AuditEvent.step("ST-\u00e9", "L1", 7, AT.plusNanos(1000), "CLAIM", "DONE",
                        "serial HM000001"), 3, GENESIS),
                ChainFormat.eventHash(AuditEvent.step("ST-\u00e9", "L1", 7, AT, "CLAIM", "DONE", "serial HM000002"),
                        3, GENESIS),
                ChainFormat.eventHash(AuditEvent.step("ST-\u00e9", "L1", 7, AT, "CLAIM", "DONE", ""), 3, GENESIS),
                ChainFormat.eventHash(AuditEvent.step("ST-\u00e9", "L1", 7, AT, "CLAIM", "DONE", null), 3, GENESIS),
                ChainFormat.eventHash(lock, 3, GENESIS),
                ChainFormat.eventHash(AuditEvent.lockEvidence("ST-01", "L1", 7, AT, "READOUT_PROTECTED", false,
                        "[\"a\"]"), 3, GENESIS));
        assertThat(new HashSet<>(hashes)).hasSameSizeAs(hashes);
    }

    @Test
    void aValueCannotMoveFromOneFieldIntoTheNext() {
        AuditEvent a = AuditEvent.step("ST-01", "L1", 7, AT, "CLAIMD", "ONE", null);
        AuditEvent b = AuditEvent.step("ST-01", "L1", 7, AT, "CLAIM", "DONE", null);
        assertThat(ChainFormat.eventHash(a, 1, GENESIS)).isNotEqualTo(ChainFormat.eventHash(b, 1, GENESIS));
    }

    @Test
    void timesAreUtcWithSixFractionDigits() {
        assertThat(ChainFormat.time(Instant.parse("2026-03-02T08:15:30Z"))).isEqualTo("2026-03-02T08:15:30.000000Z");
        assertThat(ChainFormat.time(AT)).isEqualTo("2026-03-02T08:15:30.123456Z");
        assertThat(STEP.at()).isEqualTo(Instant.parse("2026-03-02T08:15:30.123456Z"));
    }

    @Test
    void timesAreWrittenAsThePatternWritesThemInEveryYear() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        Random random = new Random(6);
        List<Instant> times = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("2026-02-28T23:59:59.000001Z")));
        for (int i = 0; i < 2_000; i++) {
            times.add(Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 300_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant t : times) {
            assertThat(ChainFormat.time(t)).as("%s", t).isEqualTo(pattern.format(t.truncatedTo(ChronoUnit.MICROS)));
        }
    }

    @Test
    void aCheckpointSignatureCoversItsHeadTimeReasonAndKey() throws IOException {
        String head = "ab".repeat(32);
        byte[] expected = fields("hallmark.audit-checkpoint.v1", "ST-01", "12", head, "2026-03-02T08:15:30.123456Z",
                "SEAL", "cd".repeat(32), null, "SHA256withECDSA");
        assertThat(ChainFormat.checkpointBytes("ST-01", 12, head, AT, "SEAL", "cd".repeat(32), null,
                "SHA256withECDSA")).isEqualTo(expected);
        Set<String> variants = new HashSet<>();
        variants.add(ChainFormat.sha256Hex(expected));
        variants.add(ChainFormat.sha256Hex(ChainFormat.checkpointBytes("ST-01", 13, head, AT, "SEAL", "cd".repeat(32),
                null, "SHA256withECDSA")));
        variants.add(ChainFormat.sha256Hex(ChainFormat.checkpointBytes("ST-01", 12, head, AT, "INTERVAL",
                "cd".repeat(32), null, "SHA256withECDSA")));
        variants.add(ChainFormat.sha256Hex(ChainFormat.checkpointBytes("ST-01", 12, head, AT, "SEAL",
                "cd".repeat(32), "ef".repeat(32), "SHA256withECDSA")));
        assertThat(variants).hasSize(4);
    }

    /** The encoding written out independently: 4-byte big-endian length (-1 for null), then UTF-8. */
    private static byte[] fields(String... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String v : values) {
            if (v == null) {
                out.writeInt(-1);
            } else {
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        return bytes.toByteArray();
    }
}
