package dev.hallmark.engine.api;

import java.util.Objects;

/** One bench fixture: a stable name and the serial port its device is reached through. */
public record Fixture(String id, String port) {
    public Fixture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(port, "port");
    }
}
