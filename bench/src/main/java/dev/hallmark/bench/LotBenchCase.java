package dev.hallmark.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One case of {@code hallmark bench}: a lot on {@code fixtures} simulated boards at one device timing.
 *
 * @param timing          realistic (wire and datasheet delays) or zero (answers at once)
 * @param fixtures        fixtures working at once
 * @param units           units that passed
 * @param failed          units that failed
 * @param wallNanos       the lot's wall-clock time
 * @param perUnitNanos    mean time of one unit on its fixture, IDENTIFY to SEAL
 * @param physicalNanos   the physical minimum of one unit: its board's bytes × byte time + the board's delays +
 *                        the token work of one unit measured in the same run
 * @param hsmLimitPerHour the token's raw keygen + signature rate, per hour (what zero latency is limited by)
 */
record LotBenchCase(String timing, int fixtures, int units, int failed, long wallNanos, long perUnitNanos,
                    long physicalNanos, double hsmLimitPerHour) {

    double unitsPerHour() {
        return wallNanos == 0 ? 0 : units * 3600e9 / wallNanos;
    }

    double ratio() {
        return physicalNanos == 0 ? 0 : (double) perUnitNanos / physicalNanos;
    }

    /** Units per hour over the token's raw rate: at zero latency the goal is 0.90 or more. */
    double hsmRatio() {
        return hsmLimitPerHour == 0 ? 0 : unitsPerHour() / hsmLimitPerHour;
    }

    /** {@code timing=realistic fixtures=8 units_per_hour=X per_unit_ms=Y physical_min_ms=Z ratio=R}, then extras. */
    String line() {
        return String.format(Locale.ROOT, "timing=%s fixtures=%d units_per_hour=%.0f per_unit_ms=%.1f "
                        + "physical_min_ms=%.1f ratio=%.2f hsm_ratio=%.4f units=%d failed=%d", timing, fixtures,
                unitsPerHour(), perUnitNanos / 1e6, physicalNanos / 1e6, ratio(), hsmRatio(), units, failed);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timing", timing);
        json.put("fixtures", fixtures);
        json.put("units_per_hour", Math.round(unitsPerHour()));
        json.put("per_unit_ms", Math.round(perUnitNanos / 1e5) / 10.0);
        json.put("physical_min_ms", Math.round(physicalNanos / 1e5) / 10.0);
        json.put("ratio", Math.round(ratio() * 100) / 100.0);
        json.put("hsm_limit_per_hour", Math.round(hsmLimitPerHour));
        json.put("hsm_ratio", Math.round(hsmRatio() * 10000) / 10000.0);
        json.put("units", units);
        json.put("failed", failed);
        json.put("wall_s", Math.round(wallNanos / 1e6) / 1000.0);
        return json;
    }
}
