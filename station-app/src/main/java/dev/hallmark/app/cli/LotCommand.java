package dev.hallmark.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hallmark lot}: a lot's summary, its conformity report, and closing a lot before its quota has passed. */
@Command(name = "lot", description = "Lots: summary (counts by result, yield), report (conformity, JSON and PDF), close",
        subcommands = {LotCommand.Summary.class, LotReportCommand.Report.class, LotCommand.Close.class},
        mixinStandardHelpOptions = true)
final class LotCommand {

    private LotCommand() {
    }

    /** {@code hallmark lot summary}: the lot's units by result and its yield. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print the lot's summary: quota, units passed, failed and under way, yield, closed or open.")
    static final class Summary implements Callable<Integer> {

        @Option(names = "--lot", required = true, description = "The lot's name.")
        String lot;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--json", description = "One JSON object instead of the line.")
        boolean json;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws Exception {
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            LotReport report;
            try (PinnedAudit audit = PinnedAudit.open(dir, List.of(), null)) {
                signIn.require(audit.access(dir, Clock.systemUTC(), System.err::println), dir, Action.LOT_REPORT, lot);
                report = requireLot(audit.db().store().lotReport(lot));
            }
            System.out.println(json ? json(report) : line(report));
            System.out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code hallmark lot close}: no unit is claimed in the lot afterwards; units under way may still finish. */
    @Command(name = "close", mixinStandardHelpOptions = true,
            description = {"Close the lot now (a short lot): no new unit is claimed in it; units already claimed",
                "may still be resumed and finished. Prints the lot's summary."})
    static final class Close implements Callable<Integer> {

        @Option(names = "--lot", required = true, description = "The lot's name.")
        String lot;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws Exception {
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            try (PinnedAudit audit = PinnedAudit.open(dir, List.of(), null)) {
                StationAccess access = audit.access(dir, Clock.systemUTC(), System.out::println);
                SignedIn who = signIn.require(access, dir, Action.LOT_OPEN_CLOSE, lot);
                AuditDatabase db = audit.db();
                return RecordedAction.run(access, who, Action.LOT_OPEN_CLOSE, lot, null, () -> {
                    requireLot(db.store().lotReport(lot));
                    db.store().closeLot(lot, Clock.systemUTC().instant());
                    System.out.println(line(db.store().lotReport(lot)));
                    System.out.flush();
                    return ExitCode.OK;
                });
            }
        }
    }

    private static LotReport requireLot(LotReport report) throws ProvisioningException {
        if (report.profile() == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "there is no lot '" + report.lot()
                    + "' in this station's audit database");
        }
        return report;
    }

    static String line(LotReport r) {
        return String.format(Locale.ROOT, "lot %s (profile %s): quota %s, %d passed, %d failed, %d under way,"
                        + " yield %.1f%%, %s", r.lot(), r.profile(), r.quota() == 0 ? "none" : Long.toString(r.quota()),
                r.passed(), r.failed(), r.inProgress(), r.yield() * 100,
                r.closedAt() == null ? "open" : "closed " + r.closedAt());
    }

    static String json(LotReport r) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("lot", r.lot());
        node.put("profile", r.profile());
        node.put("quota", r.quota() == 0 ? null : r.quota());
        node.put("passed", r.passed());
        node.put("failed", r.failed());
        node.put("in_progress", r.inProgress());
        node.put("yield", r.yield());
        node.put("closed_at", r.closedAt() == null ? null : r.closedAt().toString());
        return mapper.writeValueAsString(node);
    }
}
