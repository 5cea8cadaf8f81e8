package dev.hallmark.engine.api;

import java.util.Objects;

/**
 * What a product profile claims under ISO/IEC 27402 and how strictly its sensitive actions are guarded.
 *
 * @param conformityClass the class the product claims
 * @param twoPersonRule   whether irreversible or sensitive actions (permanent lock, readout unprotect for rework,
 *                        CA key operations) need a second, different supervisor or admin to approve
 */
public record Conformity(ConformityClass conformityClass, boolean twoPersonRule) {

    /** No class claimed, one person suffices: what every profile had before classes existed. */
    public static final Conformity UNCLASSIFIED = new Conformity(ConformityClass.NONE, false);

    public Conformity {
        Objects.requireNonNull(conformityClass, "conformityClass");
    }

    /** The class with the two-person rule on exactly when the class demands it (Class 3). */
    public static Conformity of(ConformityClass conformityClass) {
        return new Conformity(conformityClass, conformityClass.includes(ConformityClass.CLASS_3));
    }
}
