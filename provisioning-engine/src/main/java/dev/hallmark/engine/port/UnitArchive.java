package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * The audit archive as the auditor's and the dashboard's screens read it: pages of units, one unit in detail,
 * the audit chain's verification, lot figures and exports. Read-only; every method may be slow (database) and
 * is called off the FX thread.
 */
public interface UnitArchive {

    /** How many units match the filter. */
    long count(UnitFilter filter) throws ProvisioningException;

    /**
     * At most {@code limit} units matching the filter in id order, starting at position {@code offset} of that
     * order. {@code afterId}, when greater than 0, is the id of the unit at position {@code offset - 1}, which lets
     * the archive seek instead of skip; it is only a hint and may be 0.
     */
    List<UnitRecord> page(UnitFilter filter, long offset, long afterId, int limit) throws ProvisioningException;

    /**
     * At most {@code limit} units matching the filter in {@code order}: those after {@code after} (from the first
     * when null), less the first {@code skip} of them. The archive seeks its index to {@code after}; {@code skip} is
     * read row by row, so keep it small (below the spacing of {@link #marks}).
     */
    List<UnitRecord> page(UnitFilter filter, UnitOrder order, UnitMark after, long skip, int limit)
            throws ProvisioningException;

    /**
     * A position index of the search: the marks of the units at positions {@code every - 1}, {@code 2 every - 1}, …
     * of the order. Reads the sort column and id only, {@code every} index entries per mark; a table jumps to
     * position {@code p} with {@code page(filter, order, marks[p / every - 1], p % every, limit)}.
     */
    List<UnitMark> marks(UnitFilter filter, UnitOrder order, int every) throws ProvisioningException;

    /** The unit with this id, with certificate chain, lock evidence and events. */
    UnitDetail detail(long unitId) throws ProvisioningException;

    /** Verifies the audit chain and its signed checkpoints. */
    ChainCheck verifyChain() throws ProvisioningException;

    /** The lots in the archive, newest first. */
    List<String> lots() throws ProvisioningException;

    /** The lot's figures with units counted per {@code bucket} of finishing time. */
    LotTrend lotReport(String lot, Duration bucket) throws ProvisioningException;

    /** The export formats this archive writes, by name (e.g. {@code csv}, {@code jsonl}). */
    List<String> exportFormats();

    /** Writes the export of one lot (all lots when null) in the named format; returns the number of units. */
    long export(String format, String lotOrNull, OutputStream out) throws ProvisioningException;
}
