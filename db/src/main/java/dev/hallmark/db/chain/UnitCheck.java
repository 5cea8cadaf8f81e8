package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks each unit row (and its lot's profile) against the state its chained events give it: lot, station, fixture
 * and start from UNIT_BEGUN, serial and device from UNIT_CLAIMED, the certificate from the latest CERTIFICATE, the
 * result from UNIT_SEALED. Units and events are merged in unit id order, so memory stays constant.
 */
final class UnitCheck {

    /**
     * The chained events the unit rows mirror, for a range of unit ids in (unit_id, seq) order. {@code kind} is
     * compared through an expression so that the walk stays on the (unit_id, seq) index in its order instead of
     * seeking the (kind, unit_id) index of V10 and sorting; the meaning is the same on H2 and PostgreSQL.
     */
    static final String EVENTS = "select " + EventRows.COLUMNS + " from audit_events where unit_id > ? and unit_id <= ?"
            + " and concat(kind, '') in ('UNIT_BEGUN', 'UNIT_CLAIMED', 'CERTIFICATE', 'UNIT_SEALED')"
            + " and at is not null order by unit_id, seq";

    private static final int FETCH = 1000;
    /** Unit ids per range. */
    private static final int RANGE = 5_000;
    private static final String TABLE = "units";
    /** How a UNIT_BEGUN event names its lot's profile snapshot (JdbcAuditStore.PROFILE_SNAPSHOT). */
    private static final String PROFILE_SNAPSHOT = "profile sha256 ";
    /** How a UNIT_BEGUN event names the software that made the unit (JdbcAuditStore.SOFTWARE), after "; ". */
    private static final String SOFTWARE = "software ";
    private static final String BUILD = " build ";

    private final Connection c;
    private final Findings out;
    private final Baseline baseline;

    UnitCheck(Connection c, Findings out, Baseline baseline) {
        this.c = c;
        this.out = out;
        this.baseline = baseline;
    }

    /**
     * Merges units and their events in ranges of {@value #RANGE} unit ids ({@link KeysetScan} says why short
     * statements); the last range is open-ended, so events of units above the last unit row are seen too.
     */
    void run() throws SQLException {
        String bound = "select id from units where id > ? order by id offset ? rows fetch next 1 row only";
        String units = "select u.id, u.lot_id, u.serial, u.uid, u.chip_family, u.station, u.fixture, u.result,"
                + " u.failed_step, u.error_code, u.cause, u.started_at, u.finished_at, u.cert_pem, u.cert_sha256,"
                + " u.software_version, u.build_id, l.profile, l.profile_sha256 from units u left join lots l on l.id = u.lot_id"
                + " where u.id > ? and u.id <= ? order by u.id";
        String events = EVENTS;
        try (PreparedStatement bp = c.prepareStatement(bound); PreparedStatement up = c.prepareStatement(units);
             PreparedStatement ep = c.prepareStatement(events)) {
            up.setFetchSize(FETCH);
            ep.setFetchSize(FETCH);
            long from = baseline.unitsMaxId();
            while (from != Long.MAX_VALUE) {
                long to = upperBound(bp, from);
                merge(up, ep, from, to);
                from = to;
            }
        }
    }

    /** The id of the {@value #RANGE}th unit after {@code from}, or the largest id when there are fewer. */
    private static long upperBound(PreparedStatement bp, long from) throws SQLException {
        bp.setLong(1, from);
        bp.setInt(2, RANGE - 1);
        try (ResultSet rs = bp.executeQuery()) {
            return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
        }
    }

    private void merge(PreparedStatement up, PreparedStatement ep, long from, long to) throws SQLException {
        up.setLong(1, from);
        up.setLong(2, to);
        ep.setLong(1, from);
        ep.setLong(2, to);
        try (ResultSet ur = up.executeQuery(); ResultSet er = ep.executeQuery()) {
            ChainedEvent next = er.next() ? EventRows.read(er) : null;
            while (ur.next()) {
                long id = ur.getLong("id");
                while (next != null && next.event().unitId() < id) {
                    next = missingUnit(er, next);
                }
                Expected expected = new Expected();
                while (next != null && next.event().unitId() == id) {
                    expected.apply(next);
                    next = er.next() ? EventRows.read(er) : null;
                }
                compare(ur, id, expected);
            }
            while (next != null) {
                next = missingUnit(er, next);
            }
        }
    }

    /** Reports a unit that has chained events but no row; returns the first event of the next unit. */
    private ChainedEvent missingUnit(ResultSet er, ChainedEvent first) throws SQLException {
        long unit = first.event().unitId();
        out.add(new ChainFinding(FindingKind.DELETED, TABLE, unit, first.event().station(), first.seq(),
                "unit #" + unit + " is in the audit chain but missing from units"));
        ChainedEvent next = first;
        while (next != null && next.event().unitId() == unit) {
            next = er.next() ? EventRows.read(er) : null;
        }
        return next;
    }

    private void compare(ResultSet u, long id, Expected e) throws SQLException {
        if (e.begun == null) {
            out.add(new ChainFinding(FindingKind.INSERTED, TABLE, id, u.getString("station"), null,
                    "the unit has no UNIT_BEGUN event in the audit chain"));
            return;
        }
        Differences d = new Differences();
        d.check(e.begun, "lot", e.begun.event().lotId(), u.getString("lot_id"));
        d.check(e.begun, "station", e.begun.event().station(), u.getString("station"));
        d.check(e.begun, "fixture", e.begun.event().fixture(), u.getString("fixture"));
        d.check(e.begun, "start time", e.begun.event().at(), EventRows.getInstant(u, "started_at"));
        d.check(e.begun, "lot profile", e.begun.event().profile(), u.getString("profile"));
        String snapshot = null;
        String software = null;
        String detail = e.begun.event().detail();
        for (String part : detail == null ? new String[0] : detail.split("; ")) {
            if (part.startsWith(SOFTWARE)) {
                software = part;
            } else {
                snapshot = snapshot == null ? part : snapshot + "; " + part;
            }
        }
        if (snapshot != null) {
            d.check(e.begun, "lot profile snapshot", snapshot, PROFILE_SNAPSHOT + u.getString("profile_sha256"));
        }
        String madeBy = software == null ? null : software.substring(SOFTWARE.length());
        int build = madeBy == null ? -1 : madeBy.indexOf(BUILD);
        d.check(e.begun, "software version", build < 0 ? madeBy : madeBy.substring(0, build),
                u.getString("software_version"));
        d.check(e.begun, "build id", build < 0 ? null : madeBy.substring(build + BUILD.length()),
                u.getString("build_id"));
        d.check(e.claimed, "serial", e.claimed == null ? null : e.claimed.event().serial(), u.getString("serial"));
        d.check(e.claimed, "uid", e.claimed == null ? null : e.claimed.event().uid(), u.getString("uid"));
        d.check(e.claimed, "chip family", e.claimed == null ? null : e.claimed.event().chipFamily(),
                u.getString("chip_family"));
        String sha = e.certificate == null ? null : e.certificate.event().certSha256();
        d.check(e.certificate, "certificate fingerprint", sha, u.getString("cert_sha256"));
        String pemProblem = MirrorCheck.pemProblem(u.getString("cert_pem"), u.getString("cert_sha256"));
        if (pemProblem != null) {
            d.add(e.certificate, pemProblem);
        }
        ChainedEvent s = e.sealed;
        d.check(s, "result", s == null ? "IN_PROGRESS" : s.event().result(), u.getString("result"));
        d.check(s, "failed step", s == null ? null : s.event().failedStep(), u.getString("failed_step"));
        d.check(s, "error code", s == null ? null : s.event().errorCode(), u.getString("error_code"));
        d.check(s, "cause", s == null ? null : s.event().detail(), u.getString("cause"));
        d.check(s, "finish time", s == null ? null : s.event().at(), EventRows.getInstant(u, "finished_at"));
        if (!d.fields.isEmpty()) {
            out.add(new ChainFinding(FindingKind.EDITED, TABLE, id, e.begun.event().station(),
                    d.seq != null ? d.seq : e.begun.seq(),
                    "the unit differs from its chained events in " + String.join("; ", d.fields)));
        }
    }

    /** The fields that differ, each with what the chain says; skips fields whose event already has a finding. */
    private final class Differences {
        private final List<String> fields = new ArrayList<>();
        private Long seq;

        void check(ChainedEvent source, String field, Object chained, Object stored) {
            if (!Objects.equals(chained, stored)) {
                add(source, field + " is " + quote(stored) + ", the chain says " + quote(chained));
            }
        }

        void add(ChainedEvent source, String what) {
            if (source != null && out.flagged(source.id())) {
                return;
            }
            fields.add(what);
            if (seq == null && source != null) {
                seq = source.seq();
            }
        }

        private String quote(Object value) {
            return value == null ? "empty" : "'" + value + "'";
        }
    }

    /** What a unit's events say it is. */
    private static final class Expected {
        private ChainedEvent begun;
        private ChainedEvent claimed;
        private ChainedEvent certificate;
        private ChainedEvent sealed;

        void apply(ChainedEvent e) {
            switch (e.event().kind()) {
                case UNIT_BEGUN -> begun = begun == null ? e : begun;
                case UNIT_CLAIMED -> claimed = claimed == null ? e : claimed;
                case CERTIFICATE -> certificate = e;
                case UNIT_SEALED -> sealed = sealed == null ? e : sealed;
                default -> {
                    // the other kinds are checked against their own mirror rows
                }
            }
        }
    }
}
