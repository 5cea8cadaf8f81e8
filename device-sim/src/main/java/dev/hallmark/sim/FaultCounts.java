package dev.hallmark.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** How many faults of each kind a bench's boards actually injected; shared by all of them, thread-safe. */
public final class FaultCounts {

    private final AtomicLongArray counts = new AtomicLongArray(FaultKind.values().length);

    void add(FaultKind kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    /** Faults of the kind injected so far. */
    public long count(FaultKind kind) {
        return counts.get(kind.ordinal());
    }

    /** All faults injected so far. */
    public long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** Kind to count, in kind order. */
    public Map<FaultKind, Long> snapshot() {
        Map<FaultKind, Long> map = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            map.put(kind, count(kind));
        }
        return map;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        snapshot().forEach((kind, n) -> text.append(text.isEmpty() ? "" : " ").append(kind.label()).append('=').append(n));
        return text.toString();
    }
}
