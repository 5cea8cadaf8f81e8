package dev.hallmark.ui.auditor;

import dev.hallmark.engine.port.UnitRecord;

/**
 * The first line of a reworked unit's detail, so its sealed result is never read alone: e.g.
 * {@code REWORKED at 2026-… by alice (approved by bob); certificate revoked}.
 */
final class ReworkBanner {

    private static final String APPROVED = ", approved by ";

    private ReworkBanner() {
    }

    /**
     * The banner of a unit that was reworked or whose certificate was revoked.
     *
     * @param note the chained rework detail ({@code by NAME[, approved by NAME]; port …}), or null
     */
    static String of(UnitRecord u, String note) {
        StringBuilder s = new StringBuilder();
        if (u.reworked()) {
            s.append("REWORKED at ").append(u.reworkedAt());
            String who = who(note);
            if (!who.isEmpty()) {
                s.append(' ').append(who);
            }
            s.append(u.certificateRevoked() ? "; certificate revoked" : "; certificate NOT revoked");
        } else {
            s.append("CERTIFICATE REVOKED");
        }
        return s.toString();
    }

    /** {@code by alice, approved by bob; …} becomes {@code by alice (approved by bob)}; other text is kept as is. */
    private static String who(String note) {
        if (note == null || note.isBlank()) {
            return "";
        }
        int end = note.indexOf(';');
        String head = (end < 0 ? note : note.substring(0, end)).trim();
        if (!head.startsWith("by ")) {
            return "(" + head + ")";
        }
        int approved = head.indexOf(APPROVED);
        return approved < 0 ? head
                : head.substring(0, approved) + " (approved by " + head.substring(approved + APPROVED.length()) + ")";
    }
}
