package dev.hallmark.db.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An order-independent digest of a set of rows: the sum (256 bits, in four 64-bit lanes) of SHA-256 over a secret
 * key followed by each row's fields, and the number of rows. The verifier computes one over the chained events of a
 * kind while it walks the chains, and one over their mirror rows in a single scan; equal digests mean the two sides
 * hold the same rows (event id and fields), without joining them row by row. The key is random per verification
 * and never stored, so whoever edits the database cannot choose edits that keep the sums equal.
 */
final class MirrorDigest {

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte NUMBER = 2;
    private static final byte TIME = 3;
    private static final byte FLAG = 4;

    private final byte[] key;
    private final MessageDigest sha;
    private final long[] sum = new long[4];
    private final byte[] number = new byte[8];
    private long rows;

    private MirrorDigest(byte[] key) {
        this.key = key;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A new random key, shared by the two digests that are compared. */
    static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static MirrorDigest keyed(byte[] key) {
        return new MirrorDigest(key.clone());
    }

    /** Adds one row: its fields in a fixed order (String, Long, Instant, Boolean or null). */
    void add(Object... fields) {
        sha.update(key);
        for (Object f : fields) {
            if (f == null) {
                sha.update(NULL);
            } else if (f instanceof String s) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                sha.update(TEXT);
                number(utf8.length);
                sha.update(utf8);
            } else if (f instanceof Number n) {
                sha.update(NUMBER);
                number(n.longValue());
            } else if (f instanceof Instant t) {
                sha.update(TIME);
                number(ChronoUnit.MICROS.between(Instant.EPOCH, t));
            } else if (f instanceof Boolean b) {
                sha.update(FLAG);
                sha.update(b ? (byte) 1 : (byte) 0);
            } else {
                throw new IllegalArgumentException("a mirror digest takes no " + f.getClass().getSimpleName());
            }
        }
        byte[] h = sha.digest();
        for (int lane = 0; lane < 4; lane++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (h[lane * 8 + i] & 0xff);
            }
            sum[lane] += v;
        }
        rows++;
    }

    private void number(long v) {
        for (int i = 7; i >= 0; i--) {
            number[i] = (byte) v;
            v >>>= 8;
        }
        sha.update(number);
    }

    long rows() {
        return rows;
    }

    /** Whether both digests hold the same rows. */
    boolean matches(MirrorDigest other) {
        return rows == other.rows && java.util.Arrays.equals(sum, other.sum);
    }
}
