package dev.hallmark.ui.auditor;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.ChainCheck;
import dev.hallmark.engine.port.LotTrend;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** A generated archive of {@code size} units for the auditor's ViewModel tests; records every page request. */
final class ListArchive implements UnitArchive {

    final long size;
    final List<long[]> pageRequests = new ArrayList<>();
    /** Sorted page requests: {after id (0 for none), skip, limit}. */
    final List<long[]> orderedRequests = new ArrayList<>();
    int marksRequests;
    UnitOrder lastOrder;
    ChainCheck chain = new ChainCheck(true, List.of("station s1: 12 events, 1 checkpoint"), "token");
    boolean exportFails;
    UnitFilter lastFilter;

    ListArchive(long size) {
        this.size = size;
    }

    static UnitRecord unit(long id) {
        boolean pass = id % 10 != 0;
        return new UnitRecord(id, "L1", String.format("HM-%06d", id), String.format("%024x", id), "STM32F4",
                pass ? UnitResult.PASS : UnitResult.FAILED, pass ? null : "LOCK", pass ? null : "HM-302",
                pass ? null : "NACK", null, null, "s1", "F1", Instant.EPOCH.plusSeconds(id), Instant.EPOCH.plusSeconds(id + 5));
    }

    @Override
    public long count(UnitFilter filter) {
        lastFilter = filter;
        return size;
    }

    @Override
    public List<UnitRecord> page(UnitFilter filter, long offset, long afterId, int limit) {
        pageRequests.add(new long[] {offset, afterId, limit});
        long first = afterId > 0 ? afterId + 1 : offset + 1;
        List<UnitRecord> page = new ArrayList<>();
        for (long id = first; id < first + limit && id <= size; id++) {
            page.add(unit(id));
        }
        return page;
    }

    /** Id order only (ascending or descending), as the fake's units are in id order. */
    @Override
    public List<UnitRecord> page(UnitFilter filter, UnitOrder order, UnitMark after, long skip, int limit) {
        orderedRequests.add(new long[] {after == null ? 0 : after.id(), skip, limit});
        lastOrder = order;
        List<UnitRecord> page = new ArrayList<>();
        long step = order.descending() ? -1 : 1;
        long first = (after == null ? (order.descending() ? size + 1 : 0) : after.id()) + step * (skip + 1);
        for (long id = first; page.size() < limit && id >= 1 && id <= size; id += step) {
            page.add(unit(id));
        }
        return page;
    }

    @Override
    public List<UnitMark> marks(UnitFilter filter, UnitOrder order, int every) {
        marksRequests++;
        List<UnitMark> marks = new ArrayList<>();
        for (long k = 1; k * every <= size; k++) {
            marks.add(UnitMark.of(unit(order.descending() ? size + 1 - k * every : k * every), order));
        }
        return marks;
    }

    @Override
    public UnitDetail detail(long unitId) throws ProvisioningException {
        if (unitId > size) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "no unit #" + unitId);
        }
        // Every tenth unit was started by a scan of its board's label.
        return new UnitDetail(unit(unitId), List.of(), null, List.of(), unitId % 10 == 0 ? "BOARD-" + unitId : null);
    }

    @Override
    public ChainCheck verifyChain() {
        return chain;
    }

    @Override
    public List<String> lots() {
        return List.of("L1");
    }

    @Override
    public LotTrend lotReport(String lot, Duration bucket) {
        return new LotTrend(lot, null, 0, 0, bucket, List.of(), List.of());
    }

    @Override
    public List<String> exportFormats() {
        return List.of("csv", "jsonl");
    }

    @Override
    public long export(String format, String lotOrNull, OutputStream out) throws ProvisioningException {
        try {
            out.write(("format=" + format + " lot=" + lotOrNull + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "write", e.toString(), e);
        }
        if (exportFails) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the database went away mid-export");
        }
        return size;
    }

    static LongFunction<UnitRecord> units() {
        return ListArchive::unit;
    }
}
