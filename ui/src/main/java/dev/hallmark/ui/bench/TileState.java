package dev.hallmark.ui.bench;

/** What a fixture tile shows in its result banner. */
public enum TileState {
    /** No unit has started on the fixture yet. */
    IDLE,
    /** A unit is being provisioned; it must stay on the fixture. */
    RUNNING,
    /** The last unit passed. */
    PASS,
    /** The last unit failed; the banner carries the cause and what to do. */
    FAIL
}
