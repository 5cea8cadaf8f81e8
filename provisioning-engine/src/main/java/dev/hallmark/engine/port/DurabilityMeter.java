package dev.hallmark.engine.port;

/**
 * Optional capability of a part with durability points of its own (the embedded CA's issued log): its group flush,
 * whose counts and times the benchmarks read to derive the physical minimum of a unit (docs/decisions/0020).
 */
public interface DurabilityMeter {

    /** The part's fsyncs so far and the requests for them. */
    GroupFlush durability();
}
