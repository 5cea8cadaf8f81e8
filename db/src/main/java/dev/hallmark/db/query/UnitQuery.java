package dev.hallmark.db.query;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an auditor asks for: units matching every criterion set (unset criteria match all), one keyset page
 * at a time — the units whose id is greater than {@link #afterId()}, in id order, at most {@link #limit()}.
 * Build one with {@link #builder()}; the next page comes from {@link #nextPage(List)}.
 *
 * <p>Operators: the schema does not record who ran a unit yet, so a query with {@link #operator()} set matches
 * no unit until it does; the criterion is accepted now so callers need not change when it starts to match.
 */
public final class UnitQuery {

    /** Page size when none is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page {@link UnitSearch#find} returns; exports use {@link UnitCursor}, which has no limit. */
    public static final int MAX_LIMIT = 10_000;

    private final String serial;
    private final String uid;
    private final String lot;
    private final Instant startedFrom;
    private final Instant startedBefore;
    private final UnitResult result;
    private final Step failedStep;
    private final String station;
    private final String operator;
    private final long afterId;
    private final int limit;

    private UnitQuery(Builder b) {
        this.serial = b.serial;
        this.uid = b.uid;
        this.lot = b.lot;
        this.startedFrom = b.startedFrom;
        this.startedBefore = b.startedBefore;
        this.result = b.result;
        this.failedStep = b.failedStep;
        this.station = b.station;
        this.operator = b.operator;
        this.afterId = b.afterId;
        this.limit = b.limit;
    }

    /** A query with no criteria: every unit, first page. */
    public static UnitQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's criteria, to change one of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.serial = serial;
        b.uid = uid;
        b.lot = lot;
        b.startedFrom = startedFrom;
        b.startedBefore = startedBefore;
        b.result = result;
        b.failedStep = failedStep;
        b.station = station;
        b.operator = operator;
        b.afterId = afterId;
        b.limit = limit;
        return b;
    }

    /**
     * The query for the page after {@code page} (which this query returned), or empty when {@code page} was
     * the last: shorter than the limit. A full last page yields one more query, which returns no unit.
     */
    public Optional<UnitQuery> nextPage(List<UnitRecord> page) {
        if (page.size() < limit) {
            return Optional.empty();
        }
        return Optional.of(toBuilder().afterId(page.get(page.size() - 1).id()).build());
    }

    /** The serial, or null. */
    public String serial() {
        return serial;
    }

    /** The device UID as lower-case hex, or null. */
    public String uid() {
        return uid;
    }

    /** The lot, or null. */
    public String lot() {
        return lot;
    }

    /** Units started at or after this instant, or null. */
    public Instant startedFrom() {
        return startedFrom;
    }

    /** Units started strictly before this instant, or null. */
    public Instant startedBefore() {
        return startedBefore;
    }

    /** The result, or null. */
    public UnitResult result() {
        return result;
    }

    /** The step a failed unit failed at, or null. */
    public Step failedStep() {
        return failedStep;
    }

    /** The station that ran the unit, or null. */
    public String station() {
        return station;
    }

    /** The operator who ran the unit, or null; matches no unit until operators are recorded (see above). */
    public String operator() {
        return operator;
    }

    /** Only units with a greater id: 0 for the first page, the last id of a page for the next one. */
    public long afterId() {
        return afterId;
    }

    /** The most units one page holds. */
    public int limit() {
        return limit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitQuery q && afterId == q.afterId && limit == q.limit && Objects.equals(serial, q.serial)
                && Objects.equals(uid, q.uid) && Objects.equals(lot, q.lot)
                && Objects.equals(startedFrom, q.startedFrom) && Objects.equals(startedBefore, q.startedBefore)
                && result == q.result && failedStep == q.failedStep && Objects.equals(station, q.station)
                && Objects.equals(operator, q.operator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serial, uid, lot, startedFrom, startedBefore, result, failedStep, station, operator,
                afterId, limit);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("UnitQuery[");
        append(s, "serial", serial);
        append(s, "uid", uid);
        append(s, "lot", lot);
        append(s, "startedFrom", startedFrom);
        append(s, "startedBefore", startedBefore);
        append(s, "result", result);
        append(s, "failedStep", failedStep);
        append(s, "station", station);
        append(s, "operator", operator);
        return s.append("afterId=").append(afterId).append(", limit=").append(limit).append(']').toString();
    }

    private static void append(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append(name).append('=').append(value).append(", ");
        }
    }

    /** Builds a {@link UnitQuery}; every criterion is optional, null clears it. */
    public static final class Builder {
        private String serial;
        private String uid;
        private String lot;
        private Instant startedFrom;
        private Instant startedBefore;
        private UnitResult result;
        private Step failedStep;
        private String station;
        private String operator;
        private long afterId;
        private int limit = DEFAULT_LIMIT;

        private Builder() {
        }

        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        /** The device UID in hex, either case; rejects text that is not hex. */
        public Builder uid(String hex) {
            this.uid = hex == null ? null : DeviceUid.ofHex(hex).hex();
            return this;
        }

        public Builder uid(DeviceUid uid) {
            this.uid = uid == null ? null : uid.hex();
            return this;
        }

        public Builder lot(String lot) {
            this.lot = lot;
            return this;
        }

        /** Units started at or after {@code from} (inclusive). */
        public Builder startedFrom(Instant from) {
            this.startedFrom = from;
            return this;
        }

        /** Units started before {@code before} (exclusive). */
        public Builder startedBefore(Instant before) {
            this.startedBefore = before;
            return this;
        }

        /** Units started in [{@code from}, {@code before}). */
        public Builder startedBetween(Instant from, Instant before) {
            return startedFrom(from).startedBefore(before);
        }

        public Builder result(UnitResult result) {
            this.result = result;
            return this;
        }

        public Builder failedStep(Step step) {
            this.failedStep = step;
            return this;
        }

        public Builder station(String station) {
            this.station = station;
            return this;
        }

        /** The operator; matches no unit until the schema records operators. */
        public Builder operator(String operator) {
            this.operator = operator;
            return this;
        }

        public Builder afterId(long afterId) {
            if (afterId < 0) {
                throw new IllegalArgumentException("afterId is a unit id or 0, not " + afterId);
            }
            this.afterId = afterId;
            return this;
        }

        public Builder limit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " units, not " + limit);
            }
            this.limit = limit;
            return this;
        }

        public UnitQuery build() {
            if (startedFrom != null && startedBefore != null && !startedFrom.isBefore(startedBefore)) {
                throw new IllegalArgumentException("the date range [" + startedFrom + ", " + startedBefore
                        + ") is empty");
            }
            return new UnitQuery(this);
        }
    }
}
