package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ChainCheck;
import dev.hallmark.engine.port.LotTrend;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The archive as one screen reaches it: reads need the screen's permission (the auditor's or the dashboard's);
 * verifying the chain and exporting need their own and are recorded in the action log with their result.
 */
public final class GuardedArchive implements UnitArchive {

    private final UnitArchive archive;
    private final Guard guard;
    private final Permission read;

    /** {@code read}: the screen's permission, e.g. {@link Permission#AUDITOR_SCREEN}. */
    public GuardedArchive(UnitArchive archive, SignInViewModel signIn, Permission read) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.guard = new Guard(signIn);
        this.read = Objects.requireNonNull(read, "read");
    }

    @Override
    public long count(UnitFilter filter) throws ProvisioningException {
        guard.require(read, null);
        return archive.count(filter);
    }

    @Override
    public List<UnitRecord> page(UnitFilter filter, long offset, long afterId, int limit) throws ProvisioningException {
        guard.require(read, null);
        return archive.page(filter, offset, afterId, limit);
    }

    @Override
    public List<UnitRecord> page(UnitFilter filter, UnitOrder order, UnitMark after, long skip, int limit)
            throws ProvisioningException {
        guard.require(read, null);
        return archive.page(filter, order, after, skip, limit);
    }

    @Override
    public List<UnitMark> marks(UnitFilter filter, UnitOrder order, int every) throws ProvisioningException {
        guard.require(read, null);
        return archive.marks(filter, order, every);
    }

    @Override
    public UnitDetail detail(long unitId) throws ProvisioningException {
        guard.require(read, null);
        return archive.detail(unitId);
    }

    @Override
    public ChainCheck verifyChain() throws ProvisioningException {
        Session who = guard.require(Permission.VERIFY_CHAIN, "audit chain");
        ChainCheck check;
        try {
            check = archive.verifyChain();
        } catch (ProvisioningException e) {
            guard.record(who, Permission.VERIFY_CHAIN, "audit chain", "FAILED", e.code().id() + " " + e.getMessage());
            throw e;
        }
        guard.record(who, Permission.VERIFY_CHAIN, "audit chain", "OK", check.ok() ? "chain holds" : "chain broken");
        return check;
    }

    @Override
    public List<String> lots() throws ProvisioningException {
        guard.require(read, null);
        return archive.lots();
    }

    @Override
    public LotTrend lotReport(String lot, Duration bucket) throws ProvisioningException {
        guard.require(read, lot);
        return archive.lotReport(lot, bucket);
    }

    @Override
    public List<String> exportFormats() {
        return archive.exportFormats();
    }

    @Override
    public long export(String format, String lotOrNull, OutputStream out) throws ProvisioningException {
        String target = (lotOrNull == null ? "all lots" : lotOrNull) + " as " + format;
        Session who = guard.require(Permission.EXPORT, target);
        long units;
        try {
            units = archive.export(format, lotOrNull, out);
        } catch (ProvisioningException e) {
            guard.record(who, Permission.EXPORT, target, "FAILED", e.code().id() + " " + e.getMessage());
            throw e;
        }
        guard.record(who, Permission.EXPORT, target, "OK", units + " units exported from the station window");
        return units;
    }
}
