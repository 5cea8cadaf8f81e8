package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lot half of {@link InMemoryAuditStore}, with the database's rules: one plan per lot (LOT_MISMATCH otherwise), a
 * closed lot claims nothing (LOT_CLOSED), a lot claims no more units than its quota (LOT_QUOTA_REACHED), serials
 * from the plan's scheme (a counter per pattern, or the manifest in order). Not thread-safe: the store locks.
 */
final class InMemoryLots {

    private final Map<String, String> profiles = new HashMap<>();
    private final Map<String, LotPlan> plans = new HashMap<>();
    private final Map<String, Instant> closed = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    void ensure(String lot, String profile) {
        profiles.putIfAbsent(lot, profile);
    }

    void open(LotPlan plan) throws ProvisioningException {
        LotPlan was = plans.get(plan.lot());
        if (was != null && !was.equals(plan)) {
            throw new ProvisioningException(ErrorCode.LOT_MISMATCH, "lot " + plan.lot() + " was opened with "
                    + was + ", not " + plan);
        }
        plans.put(plan.lot(), plan);
        profiles.putIfAbsent(plan.lot(), plan.profile());
    }

    void close(String lot, Instant at) {
        closed.putIfAbsent(lot, at);
    }

    /**
     * The serial for a unit claimed in {@code lot}, whose other units are {@code others}; null where the lot has no
     * plan (the caller then uses the serial prefix).
     */
    String serial(String lot, List<UnitRecord> others) throws ProvisioningException {
        LotPlan plan = plans.get(lot);
        if (plan == null) {
            return null;
        }
        if (closed.containsKey(lot)) {
            throw new ProvisioningException(ErrorCode.LOT_CLOSED, "lot " + lot + " is closed");
        }
        long held = others.stream().filter(u -> u.serial() != null)
                .filter(u -> u.result() == UnitResult.PASS || u.result() == UnitResult.IN_PROGRESS).count();
        if (held >= plan.quota()) {
            throw new ProvisioningException(ErrorCode.LOT_QUOTA_REACHED, "lot " + lot + " has " + held
                    + " units of its quota of " + plan.quota());
        }
        if (plan.serials().isManifest()) {
            int next = counters.merge("manifest:" + lot, 1, Integer::sum);
            if (next > plan.serials().manifest().size()) {
                throw new ProvisioningException(ErrorCode.LOT_SERIALS_EXHAUSTED, "lot " + lot + "'s manifest is used");
            }
            return plan.serials().manifest().get(next - 1);
        }
        return plan.serials().format(counters.merge(plan.serials().counterKey(), 1, Integer::sum));
    }

    LotReport report(String lot, List<UnitRecord> units) {
        long passed = units.stream().filter(u -> u.result() == UnitResult.PASS).count();
        long failed = units.stream().filter(u -> u.result() == UnitResult.FAILED).count();
        LotPlan plan = plans.get(lot);
        return new LotReport(lot, profiles.get(lot), plan == null ? 0 : plan.quota(), passed, failed,
                units.size() - passed - failed, closed.get(lot));
    }
}
