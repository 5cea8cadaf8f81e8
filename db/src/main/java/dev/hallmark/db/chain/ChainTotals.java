package dev.hallmark.db.chain;

/**
 * What the walk over the chains saw of the events that have mirror rows: an order-independent digest of the STEP,
 * CERTIFICATE and KEY_RECORDED events (event id and the fields their mirror rows repeat) and the number of
 * LOCK_EVIDENCE events.
 * {@link MirrorCheck} compares its single scans of the mirror tables with these, and joins row by row only when they
 * differ, to name what differs.
 */
final class ChainTotals {

    private final byte[] key = MirrorDigest.newKey();
    private final MirrorDigest steps = MirrorDigest.keyed(key);
    private final MirrorDigest certificates = MirrorDigest.keyed(key);
    private final MirrorDigest keys = MirrorDigest.keyed(key);
    private long lockEvidence;

    /** Takes one event read from the chain. */
    void accept(ChainedEvent chained) {
        AuditEvent e = chained.event();
        switch (e.kind()) {
            case STEP -> steps.add(chained.id(), e.unitId(), e.step(), e.status(), e.at(), e.detail());
            case CERTIFICATE -> certificates.add(chained.id(), e.unitId(), e.certSha256(), e.at());
            case LOCK_EVIDENCE -> lockEvidence++;
            case KEY_RECORDED -> keys.add(chained.id(), e.unitId(), e.at(), e.detail());
            default -> {
                // no mirror row
            }
        }
    }

    /** A new, empty digest with the same key, for the mirror side. */
    MirrorDigest mirror() {
        return MirrorDigest.keyed(key);
    }

    MirrorDigest steps() {
        return steps;
    }

    MirrorDigest certificates() {
        return certificates;
    }

    MirrorDigest keys() {
        return keys;
    }

    long lockEvidenceEvents() {
        return lockEvidence;
    }
}
