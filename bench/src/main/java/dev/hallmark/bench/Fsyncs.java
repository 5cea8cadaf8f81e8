package dev.hallmark.bench;

import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.engine.port.DurabilityMeter;
import dev.hallmark.engine.port.GroupFlush;

/**
 * The durability points' fsyncs of the benchmark station so far: the audit database's and the CA issued log's
 * count and time, read from their group flushes (decision 0020).
 */
record Fsyncs(long databaseCount, long databaseNanos, long caCount, long caNanos) {

    /** Durability points of the audit database per unit: before ISSUE, INSTALL and LOCK, and at the seal. */
    static final int DATABASE_POINTS_PER_UNIT = 4;
    /** The CA's issued log is forced once per certificate. */
    static final int CA_POINTS_PER_UNIT = 1;

    static Fsyncs of(EmbeddedStation station) {
        GroupFlush db = station.database().store().durability();
        GroupFlush ca = station.issuer() instanceof DurabilityMeter meter ? meter.durability() : null;
        return new Fsyncs(db.flushes(), db.flushNanos(), ca == null ? 0 : ca.flushes(), ca == null ? 0 : ca.flushNanos());
    }

    Fsyncs minus(Fsyncs earlier) {
        return new Fsyncs(databaseCount - earlier.databaseCount, databaseNanos - earlier.databaseNanos,
                caCount - earlier.caCount, caNanos - earlier.caNanos);
    }

    long count() {
        return databaseCount + caCount;
    }

    double databaseMeanNanos() {
        return databaseCount == 0 ? 0 : (double) databaseNanos / databaseCount;
    }

    double caMeanNanos() {
        return caCount == 0 ? 0 : (double) caNanos / caCount;
    }
}
