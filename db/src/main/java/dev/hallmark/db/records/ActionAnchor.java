package dev.hallmark.db.records;

import java.util.Optional;

/**
 * The action log's head as an ACTIONS_ANCHORED event names it ({@code actions seq N sha256 H}): the checkpoint that
 * covers the event vouches, with the station key, that action N had hash H, and through the action chain's links
 * for every action before it.
 *
 * @param seq  the action's sequence number
 * @param hash its hash, lower-case hex
 */
public record ActionAnchor(long seq, String hash) {

    private static final String PREFIX = "actions seq ";
    private static final String HASH = " sha256 ";

    /** The event's detail. */
    public String detail() {
        return PREFIX + seq + HASH + hash;
    }

    /** The anchor an event's detail names; empty when it is not in this form. */
    public static Optional<ActionAnchor> parse(String detail) {
        if (detail == null || !detail.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int at = detail.indexOf(HASH);
        if (at < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ActionAnchor(Long.parseLong(detail.substring(PREFIX.length(), at)),
                    detail.substring(at + HASH.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
