package dev.hallmark.db.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit chain's canonical encoding, version 1 (docs/decisions/0003-audit-chain.md). A record is encoded as a
 * sequence of fields, each a 4-byte big-endian length followed by that many bytes of UTF-8; a null field is the
 * length {@code 0xFFFFFFFF} with no bytes. Numbers are decimal ASCII, times UTC with exactly six fraction digits
 * ({@code 2026-03-02T08:15:30.123000Z}), booleans {@code true}/{@code false}, hashes 64 lower-case hex digits.
 *
 * <p>Event hash = SHA-256 over the fields: {@code "hallmark.audit-event.v1"}, station, seq, prev_hash, kind, lot_id,
 * unit_id, at, profile, fixture, serial, uid, chip_family, step, status, result, failed_step, error_code,
 * lock_level, locked, cert_sha256, detail. A checkpoint signature covers: {@code "hallmark.audit-checkpoint.v1"},
 * station, seq, head_hash, created_at, reason, signer_key_sha256, signer_cert_sha256, signature_alg.
 */
public final class ChainFormat {

    /** The previous hash of a station's first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    /** The first field of every event encoding. */
    public static final String EVENT_TAG = "hallmark.audit-event.v1";
    /** The first field of every checkpoint encoding. */
    public static final String CHECKPOINT_TAG = "hallmark.audit-checkpoint.v1";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int NULL_LENGTH = 0xFFFFFFFF;

    private ChainFormat() {
    }

    /** The canonical encoding of an event at {@code seq} after {@code prevHash}. */
    public static byte[] eventBytes(AuditEvent e, long seq, String prevHash) {
        return new Fields().add(EVENT_TAG).add(e.station()).add(Long.toString(seq)).add(prevHash)
                .add(e.kind().name()).add(e.lotId()).add(e.unitId() == null ? null : e.unitId().toString())
                .add(time(e.at())).add(e.profile()).add(e.fixture()).add(e.serial()).add(e.uid())
                .add(e.chipFamily()).add(e.step()).add(e.status()).add(e.result()).add(e.failedStep())
                .add(e.errorCode()).add(e.lockLevel()).add(e.locked() == null ? null : e.locked().toString())
                .add(e.certSha256()).add(e.detail()).bytes();
    }

    /** The event's hash: lower-case hex SHA-256 of {@link #eventBytes}. */
    public static String eventHash(AuditEvent e, long seq, String prevHash) {
        return sha256Hex(eventBytes(e, seq, prevHash));
    }

    /** The bytes a checkpoint's signature covers. */
    public static byte[] checkpointBytes(String station, long seq, String headHash, Instant createdAt,
                                         String reason, String signerKeySha256, String signerCertSha256,
                                         String signatureAlgorithm) {
        return new Fields().add(CHECKPOINT_TAG).add(station).add(Long.toString(seq)).add(headHash)
                .add(time(createdAt)).add(reason).add(signerKeySha256).add(signerCertSha256)
                .add(signatureAlgorithm).bytes();
    }

    /** Lower-case hex SHA-256 over fields in this encoding (for records that are their own hash, e.g. profiles). */
    public static String fieldsSha256(String... fields) {
        Fields f = new Fields();
        for (String field : fields) {
            f.add(field);
        }
        return sha256Hex(f.bytes());
    }

    /** A time as the encoding writes it, after cutting it to microseconds. */
    public static String time(Instant at) {
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        LocalDateTime t = LocalDateTime.ofEpochSecond(micros.getEpochSecond(), micros.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIME.format(micros);
        }
        // the pattern's digits written directly: the formatter was a tenth of the hashing's time
        char[] out = "0000-00-00T00:00:00.000000Z".toCharArray();
        digits(out, 0, 4, t.getYear());
        digits(out, 5, 2, t.getMonthValue());
        digits(out, 8, 2, t.getDayOfMonth());
        digits(out, 11, 2, t.getHour());
        digits(out, 14, 2, t.getMinute());
        digits(out, 17, 2, t.getSecond());
        digits(out, 20, 6, t.getNano() / 1000);
        return new String(out);
    }

    private static void digits(char[] out, int at, int width, int value) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Lower-case hex SHA-256. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Length-prefixed UTF-8 fields in the order they are added. */
    private static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Fields add(String value) {
            if (value == null) {
                length(NULL_LENGTH);
                return this;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        private void length(int n) {
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
