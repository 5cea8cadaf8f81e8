package dev.hallmark.engine.lot;

import java.util.Objects;

/**
 * What a key token says of itself, for the class check: its description in words (manufacturer, label) and whether
 * its slot is hardware (CKF_HW_SLOT).
 */
public record TokenFacts(String description, boolean hardware) {
    public TokenFacts {
        Objects.requireNonNull(description, "description");
    }

    /** The description with the kind of slot, as the class check names the token. */
    public String described() {
        return description + " (" + (hardware ? "hardware" : "software, no CKF_HW_SLOT") + ")";
    }
}
