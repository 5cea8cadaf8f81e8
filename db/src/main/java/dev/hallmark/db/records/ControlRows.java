package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How a CONTROLS_RECORDED event vouches for a unit's {@code unit_controls} rows: each row's hash (SHA-256 over
 * {@code "hallmark.unit-control.v1"}, unit id, control, satisfied, evidence as stored, recorded_at, in the chain's
 * field encoding), listed in the order the rows were written: {@code controls N: h1,h2,...}.
 */
public final class ControlRows {

    /** The longest evidence text stored; longer text is cut, and the hash covers what is stored. */
    public static final int EVIDENCE_MAX = 4000;
    /** The most rows one event vouches for (the detail column holds 4000 characters). */
    public static final int MAX_ROWS = 50;
    private static final String TAG = "hallmark.unit-control.v1";
    private static final String PREFIX = "controls ";

    private ControlRows() {
    }

    /** The evidence as the table stores it. */
    public static String stored(String evidence) {
        return evidence.length() <= EVIDENCE_MAX ? evidence : evidence.substring(0, EVIDENCE_MAX - 1) + "…";
    }

    /** One row's hash, lower-case hex. */
    public static String rowHash(long unitId, String control, boolean satisfied, String evidence, Instant at) {
        return ChainFormat.fieldsSha256(TAG, Long.toString(unitId), control, Boolean.toString(satisfied), evidence,
                ChainFormat.time(at));
    }

    /** The event's detail for these row hashes, in write order. */
    public static String detail(List<String> rowHashes) {
        if (rowHashes.isEmpty() || rowHashes.size() > MAX_ROWS) {
            throw new IllegalArgumentException("one event vouches for 1 to " + MAX_ROWS + " control rows, not "
                    + rowHashes.size());
        }
        return PREFIX + rowHashes.size() + ": " + String.join(",", rowHashes);
    }

    /** The row hashes an event's detail lists; null when the detail is not in this form. */
    public static List<String> parse(String detail) {
        if (detail == null || !detail.startsWith(PREFIX)) {
            return null;
        }
        int colon = detail.indexOf(": ");
        if (colon < 0) {
            return null;
        }
        try {
            int n = Integer.parseInt(detail.substring(PREFIX.length(), colon));
            List<String> hashes = Arrays.asList(detail.substring(colon + 2).split(","));
            return hashes.size() == n ? List.copyOf(hashes) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
