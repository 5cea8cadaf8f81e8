package dev.hallmark.db.bench;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The figures of one benchmark run.
 *
 * @param records              units loaded
 * @param stepEvents           step events loaded with them
 * @param loadSeconds          time to generate and bulk-load them, when this run loaded them
 * @param lookups              serial look-ups timed
 * @param serialLookupP50Ms    median time of one look-up by serial, through {@code UnitSearch.find}
 * @param serialLookupP99Ms    99th percentile of the same
 * @param csvExportSeconds     time to export every unit as CSV to a file
 * @param csvBytes             size of that file
 * @param chainEventsPerSecond chain verification speed, when a {@link ChainVerification} was given
 */
public record BenchmarkResult(long records, long stepEvents, OptionalDouble loadSeconds, int lookups,
                              double serialLookupP50Ms, double serialLookupP99Ms, double csvExportSeconds,
                              long csvBytes, OptionalDouble chainEventsPerSecond) {

    /** The line the CLI prints: {@code records=N serial_lookup_p99_ms=X csv_export_s=Y [chain_events_per_s=Z]}. */
    public String line() {
        String line = String.format(Locale.ROOT, "records=%d serial_lookup_p99_ms=%.3f csv_export_s=%.2f", records,
                serialLookupP99Ms, csvExportSeconds);
        return chainEventsPerSecond.isPresent()
                ? line + String.format(Locale.ROOT, " chain_events_per_s=%.0f", chainEventsPerSecond.getAsDouble())
                : line;
    }

    /** Every figure, for the log. */
    public String details() {
        String load = loadSeconds.isPresent() ? String.format(Locale.ROOT, " load_s=%.1f", loadSeconds.getAsDouble()) : "";
        return String.format(Locale.ROOT, "%s step_events=%d%s lookups=%d serial_lookup_p50_ms=%.3f csv_bytes=%d",
                line(), stepEvents, load, lookups, serialLookupP50Ms, csvBytes);
    }
}
