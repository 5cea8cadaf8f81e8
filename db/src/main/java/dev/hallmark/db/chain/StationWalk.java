package dev.hallmark.db.chain;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Walks one station's events in seq order and names what breaks its chain. It keeps only a short window of recent
 * rows, so a chain of any length is verified in constant memory: a row's verdict may change while it is in the
 * window (a later row can show it was inserted or moved), and is reported when it leaves.
 */
final class StationWalk {

    /** Rows kept for look-back; also how far a moved row is searched for its original seq. */
    static final int WINDOW = 16;
    private static final String TABLE = "audit_events";

    /** Supplies the station's checkpoints in seq order, signatures already checked; null at the end. */
    interface CheckpointFeed {
        SignedCheckpoint peek() throws SQLException;

        SignedCheckpoint next() throws SQLException;
    }

    private enum Verdict { OK, NOWHERE, MOVED, EXPLAINED, INSERTED, REORDERED, REWRITTEN }

    /** One event row and what the walk thinks of it so far. */
    static final class Row {
        final long id;
        final long seq;
        final String prev;
        final String hash;
        final AuditEvent event;
        private Verdict verdict = Verdict.OK;
        private long orig;
        private String note;
        private boolean linkPending;
        private long missingFrom;
        private volatile Boolean holds;

        private Row(long id, long seq, String prev, String hash, AuditEvent event, String note) {
            this.id = id;
            this.seq = seq;
            this.prev = prev;
            this.hash = hash;
            this.event = event;
            this.orig = seq;
            this.note = note;
        }

        static Row of(ChainedEvent e) {
            return new Row(e.id(), e.seq(), e.prevHash(), e.hash(), e.event(), null);
        }

        /**
         * Whether the row's fields hash, at its seq after its previous hash, to its hash; computed once, possibly
         * ahead of the walk on another thread ({@link #check}).
         */
        boolean holds() {
            Boolean h = holds;
            if (h == null) {
                h = event != null && verifies(event, seq, prev, hash);
                holds = h;
            }
            return h;
        }

        /** Computes {@link #holds()} now, so the walk finds it done. */
        void check() {
            holds();
        }

        /** A row whose fields cannot even be read as an event (an unknown kind, a missing time). */
        static Row unreadable(long id, long seq, String prev, String hash, String why) {
            Row r = new Row(id, seq, prev, hash, null, why);
            r.verdict = Verdict.NOWHERE;
            return r;
        }
    }

    private final String station;
    private final ChainAppender.Head head;
    private final CheckpointFeed feed;
    private final Findings out;
    private final ArrayDeque<Row> window = new ArrayDeque<>();
    private final Map<String, Row> byHash = new HashMap<>();
    private final ArrayDeque<SignedCheckpoint> pending = new ArrayDeque<>();
    private final Set<String> signerKeys = new HashSet<>();
    private long expected = 1;
    private String linkHash = ChainFormat.GENESIS;
    private Row last;
    private long lastSeq;
    private long events;
    private long checkpoints;
    private long anchoredSeq;

    /** {@code head} is the station's recorded chain head, null when its row is missing. */
    StationWalk(String station, ChainAppender.Head head, CheckpointFeed feed, Findings out) {
        this.station = station;
        this.head = head;
        this.feed = feed;
        this.out = out;
    }

    /** Takes the next row in (seq, id) order. */
    void accept(Row r) throws SQLException {
        events++;
        if (head != null && r.seq > head.seq()) {
            report(r, FindingKind.INSERTED, "lies after the station's chain head at seq " + head.seq());
            return;
        }
        if (r.seq < expected) {
            report(r, FindingKind.INSERTED, "is a second event with seq " + r.seq);
            return;
        }
        classify(r);
        if (!Objects.equals(r.prev, linkHash)) {
            linkBreak(r);
        } else if (r.verdict == Verdict.MOVED && continuesRun(r)) {
            r.verdict = Verdict.EXPLAINED;
        }
        window.addLast(r);
        if (r.hash != null) {
            byHash.putIfAbsent(r.hash, r);
        }
        expected = r.seq + 1;
        linkHash = r.hash;
        last = r;
        lastSeq = r.seq;
        while (window.size() > WINDOW) {
            retire(window.pollFirst());
        }
        pullCheckpoints(r.seq);
        while (!pending.isEmpty() && pending.peekFirst().checkpoint().seq() + WINDOW / 2 < r.seq) {
            evaluate(pending.pollFirst());
        }
    }

    /** Reports what is left and checks the end of the chain against the recorded head. */
    StationSummary finish() throws SQLException {
        pullCheckpoints(Long.MAX_VALUE);
        while (!pending.isEmpty()) {
            evaluate(pending.pollFirst());
        }
        while (!window.isEmpty()) {
            retire(window.pollFirst());
        }
        if (head == null) {
            out.add(new ChainFinding(FindingKind.DELETED, "audit_chain_heads", null, station, null,
                    "the station's chain head row is missing"));
        } else if (head.seq() > lastSeq) {
            out.add(new ChainFinding(FindingKind.DELETED, TABLE, null, station, lastSeq + 1,
                    range(lastSeq + 1, head.seq()) + " missing from the end of the chain (its head is at seq "
                            + head.seq() + ")"));
        } else if (last != null && head.seq() == last.seq && !head.hash().equals(last.hash)
                && !out.flagged(last.id)) {
            report(last, FindingKind.EDITED, "has a hash that differs from the station's recorded chain head");
        }
        return new StationSummary(station, events, head == null ? 0 : head.seq(), checkpoints, anchoredSeq,
                signerKeys);
    }

    private void classify(Row r) {
        if (r.event == null) {
            return;
        }
        if (r.holds()) {
            return;
        }
        Long original = searchOriginalSeq(r);
        if (original != null) {
            r.verdict = Verdict.MOVED;
            r.orig = original;
            return;
        }
        r.verdict = Verdict.NOWHERE;
        r.note = "no longer matches its hash: its fields were changed after it was written";
        for (Row p : window) {
            if (p.verdict == Verdict.NOWHERE && p.event != null && verifies(p.event, r.seq, r.prev, r.hash)
                    && verifies(r.event, p.seq, p.prev, p.hash)) {
                p.verdict = Verdict.REORDERED;
                p.note = "holds the fields of the event at seq " + r.seq + " (their contents were swapped)";
                r.verdict = Verdict.REORDERED;
                r.note = "holds the fields of the event at seq " + p.seq + " (their contents were swapped)";
                return;
            }
        }
    }

    /** The seq at which the row's own fields and hash agree, near its place; null when there is none. */
    private Long searchOriginalSeq(Row r) {
        if (last != null && last.verdict != Verdict.OK && last.orig != last.seq) {
            long s = r.seq - (last.seq - last.orig);
            if (s >= 1 && verifies(r.event, s, r.prev, r.hash)) {
                return s;
            }
        }
        for (int d = 1; d <= WINDOW; d++) {
            if (r.seq - d >= 1 && verifies(r.event, r.seq - d, r.prev, r.hash)) {
                return r.seq - d;
            }
            if (verifies(r.event, r.seq + d, r.prev, r.hash)) {
                return r.seq + d;
            }
        }
        return null;
    }

    /** The row does not link to the row before it: find out why. */
    private void linkBreak(Row r) {
        Row pred = r.prev == null ? null : byHash.get(r.prev);
        if (pred != null) {
            boolean reordered = false;
            for (Row b : window) {
                if (b.seq <= pred.seq) {
                    continue;
                }
                if (b.verdict == Verdict.MOVED || b.verdict == Verdict.REORDERED) {
                    if (b.verdict == Verdict.MOVED) {
                        b.verdict = Verdict.REORDERED;
                        b.note = movedNote(b);
                    }
                    reordered = true;
                } else {
                    b.verdict = Verdict.INSERTED;
                    b.note = "is not linked into the chain: the event at seq " + r.seq + " links past it to seq "
                            + pred.seq;
                }
                b.linkPending = false;
            }
            if (r.verdict == Verdict.MOVED) {
                if (reordered) {
                    r.verdict = Verdict.REORDERED;
                    r.note = movedNote(r);
                } else {
                    r.verdict = Verdict.EXPLAINED;
                }
            }
            return;
        }
        if (r.seq > expected) {
            out.add(new ChainFinding(FindingKind.DELETED, TABLE, null, station, expected, range(expected, r.seq - 1)
                    + " missing: event #" + r.id + " at seq " + r.seq + " links to an event that is no longer there"));
            return;
        }
        if (r.verdict == Verdict.MOVED && r.orig > r.seq) {
            r.linkPending = true;
            r.missingFrom = last == null ? 1 : last.orig + 1;
            return;
        }
        if (r.verdict == Verdict.OK && last != null && last.verdict == Verdict.OK) {
            last.verdict = Verdict.REWRITTEN;
            last.note = "was rewritten with a new hash: the next event still links to its former hash";
        } else if (r.verdict == Verdict.OK && last == null) {
            r.verdict = Verdict.REWRITTEN;
            r.note = "is the station's first event but does not start from the genesis hash";
        }
    }

    private boolean continuesRun(Row r) {
        return last != null && (last.verdict == Verdict.MOVED || last.verdict == Verdict.EXPLAINED)
                && last.seq - last.orig == r.seq - r.orig;
    }

    private void retire(Row b) {
        byHash.remove(b.hash, b);
        switch (b.verdict) {
            case NOWHERE, REWRITTEN -> report(b, FindingKind.EDITED, b.note);
            case INSERTED -> report(b, FindingKind.INSERTED, b.note);
            case REORDERED -> report(b, FindingKind.REORDERED, b.note);
            case MOVED -> {
                if (b.linkPending && b.missingFrom <= b.orig - 1) {
                    out.add(new ChainFinding(FindingKind.DELETED, TABLE, null, station, b.missingFrom,
                            range(b.missingFrom, b.orig - 1) + " missing: the events from event #" + b.id
                                    + " on were renumbered to close the gap"));
                } else {
                    report(b, FindingKind.REORDERED, movedNote(b));
                }
            }
            default -> {
                // OK, or renumbered after an insertion or deletion already reported
            }
        }
    }

    private void pullCheckpoints(long upToSeq) throws SQLException {
        for (SignedCheckpoint next = feed.peek(); next != null && next.checkpoint().seq() <= upToSeq;
                next = feed.peek()) {
            SignedCheckpoint cp = feed.next();
            checkpoints++;
            if (cp.signatureHolds()) {
                pending.addLast(cp);
            } else {
                out.add(new ChainFinding(FindingKind.BAD_CHECKPOINT_SIGNATURE, "audit_checkpoints",
                        cp.checkpoint().id(), station, cp.checkpoint().seq(), cp.signatureProblem()));
            }
        }
    }

    /** A checkpoint whose signature holds must name a head that is in the chain now. */
    private void evaluate(SignedCheckpoint signed) {
        Checkpoint cp = signed.checkpoint();
        Row at = null;
        for (Row r : window) {
            if (r.seq == cp.seq()) {
                at = r;
                break;
            }
        }
        boolean matches = at != null && cp.headHash().equals(at.hash)
                || byHash.containsKey(cp.headHash()) && byHash.get(cp.headHash()).orig == cp.seq();
        if (matches) {
            anchoredSeq = Math.max(anchoredSeq, cp.seq());
            signerKeys.add(cp.signerKeySha256());
            return;
        }
        String what = at == null
                ? "signs the head at seq " + cp.seq() + ", but no event with that seq or hash is in the chain"
                : "signs hash " + abbreviate(cp.headHash()) + " at seq " + cp.seq() + ", but event #" + at.id
                        + " there has hash " + abbreviate(at.hash) + ": the chain was changed at or before seq "
                        + cp.seq() + (anchoredSeq > 0 ? ", after seq " + anchoredSeq : "");
        out.add(new ChainFinding(FindingKind.CHECKPOINT_MISMATCH, "audit_checkpoints", cp.id(), station, cp.seq(),
                what));
    }

    private void report(Row r, FindingKind kind, String what) {
        out.addEvent(new ChainFinding(kind, TABLE, r.id, station, r.seq, "the event " + what));
    }

    private static String movedNote(Row r) {
        return "was written as seq " + r.orig + " but stands at seq " + r.seq;
    }

    private static boolean verifies(AuditEvent e, long seq, String prev, String hash) {
        return hash != null && prev != null && ChainFormat.eventHash(e, seq, prev).equals(hash);
    }

    private static String range(long from, long to) {
        return from == to ? "the event at seq " + from + " is" : "the events at seq " + from + " to " + to + " are";
    }

    private static String abbreviate(String hash) {
        return hash == null ? "null" : hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
    }
}
