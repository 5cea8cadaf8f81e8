package dev.hallmark.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One case of {@code hallmark bench}: a lot on {@code fixtures} simulated boards at one device timing.
 *
 * @param timing            realistic (wire and datasheet delays) or zero (answers at once)
 * @param fixtures          fixtures working at once
 * @param units             units that passed
 * @param failed            units that failed
 * @param wallNanos         the lot's wall-clock time
 * @param perUnitNanos      mean time of one unit on its fixture, IDENTIFY to SEAL
 * @param boardNanos        the mean board's bytes × byte time + its datasheet delays (zero at zero latency)
 * @param tokenNanos        the token work of one unit, measured in the same run
 * @param durabilityNanos   one unit's share of the durability points' fsyncs: the fsyncs a unit needs (four of the
 *                          audit database, one of the CA's issued log) × their mean time measured in this case,
 *                          divided among the fixtures that share them (decision 0020)
 * @param fsyncsPerUnit     fsyncs done in this case per unit (what group commit brings below five)
 * @param pipelinePerSecond the shell pipeline's units per second in the same run (scripts/baseline-pipeline.sh), or
 *                          0 when it was not measured
 * @param load              the one-minute load average when the case ended (other work on the machine)
 */
record LotBenchCase(String timing, int fixtures, int units, int failed, long wallNanos, long perUnitNanos,
                    long boardNanos, long tokenNanos, long durabilityNanos, double fsyncsPerUnit,
                    double pipelinePerSecond, double load) {

    /** The physical minimum of one unit: its board, its token work, its share of the durability points. */
    long physicalNanos() {
        return boardNanos + tokenNanos + durabilityNanos;
    }

    double unitsPerHour() {
        return wallNanos == 0 ? 0 : units * 3600e9 / wallNanos;
    }

    double ratio() {
        return physicalNanos() == 0 ? 0 : (double) perUnitNanos / physicalNanos();
    }

    /** Station time of one unit beyond its token work (the zero-latency goal: under 10 ms on one fixture). */
    long beyondTokenNanos() {
        return perUnitNanos - tokenNanos;
    }

    /** Units per second over the shell pipeline's, or 0 when the pipeline was not measured. */
    double vsPipeline() {
        return pipelinePerSecond <= 0 ? 0 : unitsPerHour() / 3600 / pipelinePerSecond;
    }

    /** {@code timing=realistic fixtures=8 units_per_hour=X per_unit_ms=Y physical_min_ms=Z ratio=R}, then the parts. */
    String line() {
        return String.format(Locale.ROOT, "timing=%s fixtures=%d units_per_hour=%.0f per_unit_ms=%.1f "
                        + "physical_min_ms=%.1f ratio=%.2f token_ms=%.2f durability_ms=%.2f fsyncs_per_unit=%.2f "
                        + "beyond_token_ms=%.1f vs_pipeline=%s units=%d failed=%d load=%.2f", timing, fixtures,
                unitsPerHour(), perUnitNanos / 1e6, physicalNanos() / 1e6, ratio(), tokenNanos / 1e6,
                durabilityNanos / 1e6, fsyncsPerUnit, beyondTokenNanos() / 1e6,
                pipelinePerSecond <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", vsPipeline()), units, failed, load);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timing", timing);
        json.put("fixtures", fixtures);
        json.put("units_per_hour", Math.round(unitsPerHour()));
        json.put("per_unit_ms", Math.round(perUnitNanos / 1e5) / 10.0);
        json.put("physical_min_ms", Math.round(physicalNanos() / 1e5) / 10.0);
        json.put("ratio", Math.round(ratio() * 100) / 100.0);
        json.put("board_ms", Math.round(boardNanos / 1e4) / 100.0);
        json.put("token_ms", Math.round(tokenNanos / 1e4) / 100.0);
        json.put("durability_ms", Math.round(durabilityNanos / 1e4) / 100.0);
        json.put("fsyncs_per_unit", Math.round(fsyncsPerUnit * 100) / 100.0);
        json.put("beyond_token_ms", Math.round(beyondTokenNanos() / 1e5) / 10.0);
        json.put("pipeline_units_per_s", Math.round(pipelinePerSecond * 100) / 100.0);
        json.put("vs_pipeline", Math.round(vsPipeline() * 10) / 10.0);
        json.put("units", units);
        json.put("failed", failed);
        json.put("wall_s", Math.round(wallNanos / 1e6) / 1000.0);
        json.put("load", Math.round(load * 100) / 100.0);
        return json;
    }
}
