package dev.hallmark.engine.api;

/** Where a transport key-encryption key came from: a simulated silicon vendor (demo boards) or a production ceremony. */
public enum KekOrigin {
    /** Made by the station for simulated boards; never for a real line. */
    SIMULATED_VENDOR,
    /** Brought in by `hallmark kek import` (split knowledge or wrapped), the value the real devices carry. */
    PRODUCTION;

    /** As the unit evidence writes it. */
    public String evidenceName() {
        return this == PRODUCTION ? "production" : "SIMULATED-vendor";
    }
}
