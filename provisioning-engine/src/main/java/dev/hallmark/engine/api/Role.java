package dev.hallmark.engine.api;

import java.util.Locale;

/** What a person at the station may do; the matrix of actions per role is {@code engine.access.Action}. */
public enum Role {
    /** Runs lots at the bench. */
    OPERATOR,
    /** Opens and closes lots, approves rework and irreversible overrides (the second person of the two-person rule). */
    SUPERVISOR,
    /** Reads: verifies the audit chain, exports records, writes conformity reports. */
    AUDITOR,
    /** Sets up the station: operators, profiles, HSM, CA and fixtures; may approve as the second person. */
    ADMIN;

    /** The role's name as typed on the command line: {@code operator}, {@code supervisor}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label; IllegalArgumentException names the roles there are. */
    public static Role parse(String label) {
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(label.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "'; roles are operator, supervisor, auditor, admin");
    }
}
