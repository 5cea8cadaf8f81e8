package dev.hallmark.app.report;

import dev.hallmark.db.records.RecordsReport;
import dev.hallmark.engine.access.ActionChain;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.conformity.Control;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.ChainedAction;
import dev.hallmark.engine.port.ConformityRecords;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Gathers a lot's report from the audit store, the conformity records, the audit chain and the action log. */
public final class LotReportBuilder {

    private LotReportBuilder() {
    }

    /**
     * The report of {@code lot} as the records stand; {@code trust} says which pin {@code chain} was verified
     * against (its signer is added when the report is signed).
     */
    public static LotReport build(String lot, Instant now, String generatedBy, AuditStore store,
                                  ConformityRecords records, RecordsReport chain, List<ChainedAction> actions,
                                  SoftwareVersion software, LotReport.Trust trust) throws ProvisioningException {
        List<UnitRecord> units = store.units(lot);
        if (units.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "lot '" + lot + "' has no units recorded");
        }
        Map<Long, List<ControlEvidence>> controls = records.controls(lot);
        int passed = 0;
        int failed = 0;
        int open = 0;
        int reworked = 0;
        Instant first = null;
        Instant last = null;
        String profile = null;
        Set<String> uids = new TreeSet<>();
        Set<String> stations = new TreeSet<>();
        Map<String, Integer> byCause = new TreeMap<>();
        Map<String, Integer> byStep = new TreeMap<>();
        List<LotReport.UnitEntry> entries = new ArrayList<>();
        Map<String, int[]> totals = new LinkedHashMap<>();
        for (Control c : Control.values()) {
            totals.put(c.name(), new int[2]);
        }
        Set<String> classes = new TreeSet<>();
        for (UnitRecord u : units) {
            stations.add(u.station());
            if (u.reworked()) {
                reworked++;
            }
            if (u.started() != null && (first == null || u.started().isBefore(first))) {
                first = u.started();
            }
            if (u.finished() != null && (last == null || u.finished().isAfter(last))) {
                last = u.finished();
            }
            if (u.uid() != null) {
                uids.add(u.uid());
            }
            if (u.result() == UnitResult.PASS) {
                passed++;
            } else if (u.result() == UnitResult.FAILED) {
                failed++;
                byCause.merge(u.errorCode() == null ? "unknown" : u.errorCode(), 1, Integer::sum);
                byStep.merge(u.failedStep() == null ? "unknown" : u.failedStep(), 1, Integer::sum);
            } else {
                open++;
            }
            List<ControlEvidence> unitControls = controls.getOrDefault(u.id(), List.of());
            for (ControlEvidence e : unitControls) {
                int[] t = totals.computeIfAbsent(e.control(), k -> new int[2]);
                t[1]++;
                if (e.satisfied()) {
                    t[0]++;
                }
                if (e.control().equals(Control.CLASS_PREREQUISITES.name())) {
                    classes.add(e.evidence().substring(0, Math.max(0, e.evidence().indexOf(" claimed"))));
                    profile = profile != null ? profile : profileOf(e.evidence());
                }
            }
            entries.add(new LotReport.UnitEntry(u, unitControls));
        }
        totals.values().removeIf(t -> t[1] == 0);
        ActionChain.Report actionCheck = ActionChain.verify(actions);
        List<LotReport.ActionEntry> lotActions = new ArrayList<>();
        for (ChainedAction a : actions) {
            String target = a.record().target();
            if (target != null && (target.equals(lot) || target.endsWith(" lot " + lot))) {
                lotActions.add(new LotReport.ActionEntry(a.seq(), a.record().at(), a.record().operator(),
                        a.record().action(), target, a.record().approver(), a.record().outcome(), a.record().detail()));
            }
        }
        return new LotReport(lot, now, generatedBy, List.copyOf(stations), List.copyOf(classes),
                new LotReport.Summary(units.size(), passed, failed, reworked, open, uids.size()), byCause, byStep, totals,
                entries, new LotReport.ChainResult("audit chain", chain.exitCode() == 0, chain.chain().stations().size(),
                        chain.lines(), chain.pin().label()),
                new LotReport.ChainResult("action log", actionCheck.holds(), actionCheck.actions(),
                        actionCheck.holds() ? List.of("action chain holds: " + actionCheck.actions() + " actions")
                                : actionCheck.findings(), "anchored into the audit chain"), lotActions,
                new LotReport.Provenance(profile, software.version(), software.build(), first, last), trust);
    }

    /** The profile named in CLASS_PREREQUISITES evidence ("Class 1 claimed by profile NAME (...)"), else null. */
    static String profileOf(String evidence) {
        int at = evidence.indexOf(" claimed by profile ");
        if (at < 0) {
            return null;
        }
        String rest = evidence.substring(at + " claimed by profile ".length());
        int end = rest.indexOf(" (");
        return end < 0 ? rest : rest.substring(0, end);
    }
}
