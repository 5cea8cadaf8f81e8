package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.report.LotReport;
import dev.hallmark.app.report.LotReportBuilder;
import dev.hallmark.app.report.ReportFileName;
import dev.hallmark.app.report.LotReportJson;
import dev.hallmark.app.report.LotReportPdf;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.db.records.RecordsReport;
import java.util.List;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hallmark lot report}: a lot's conformity report, a subcommand of {@link LotCommand}. */
final class LotReportCommand {

    private LotReportCommand() {
    }

    /** {@code hallmark lot report --lot L}: JSON and PDF, for an independent lab (auditor). */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write the ISO/IEC 27402 conformity report of a lot as JSON and PDF: summary, yield, failures",
                "by cause, per-unit evidence of each control, and the verification of the audit chain and the",
                "action log. Needs the auditor (or supervisor, admin) role."})
    static final class Report implements Callable<Integer> {

        @Option(names = "--lot", required = true, paramLabel = "LOT", description = "The lot.")
        String lot;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: DIR/reports).")
        Path out;

        @Option(names = "--trust-key-sha256", paramLabel = "HEX",
                description = "Pin a station audit key (as for 'audit verify'; repeatable). Default: the token's.")
        List<String> trusted;

        @Option(names = "--trust-list", paramLabel = "FILE", description = "A plant trust list (as for 'audit verify').")
        Path trustList;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            Clock clock = Clock.systemUTC();
            try (PinnedAudit audit = PinnedAudit.open(dir, trusted, trustList)) {
                AuditDatabase db = audit.db();
                StationAccess access = audit.access(dir, clock, System.out::println);
                SignedIn who = signIn.require(access, dir, Action.LOT_REPORT, lot);
                return RecordedAction.run(access, who, Action.LOT_REPORT, lot, null, () -> {
                    RecordsReport verified = db.verifyRecords(audit.trust());
                    LotReport report = LotReportBuilder.build(lot, clock.instant(), who.name(), db.store(),
                            new JdbcConformityRecords(AuditDataSources.embedded(dir.audit())), verified,
                            access.log().all());
                    write(report, out != null ? out : dir.root().resolve("reports"));
                    return !verified.ok() || !report.actionChain().holds() ? ExitCode.UNITS_FAILED
                            : verified.pinned() ? ExitCode.OK : ExitCode.UNPINNED;
                });
            }
        }

        private void write(LotReport report, Path directory) throws ProvisioningException {
            String base = ReportFileName.base(lot);
            Path json = directory.resolve(base + ".json");
            Path pdf = directory.resolve(base + ".pdf");
            try {
                Files.createDirectories(directory);
                try (OutputStream o = Files.newOutputStream(json)) {
                    LotReportJson.write(report, o);
                }
                LotReportPdf.write(report, pdf);
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.REPORT_FAILED, "the report of lot " + lot
                        + " cannot be written to " + directory, e.getMessage(), e);
            }
            LotReport.Summary s = report.summary();
            System.out.printf("lot %s: %d passed, %d failed, yield %.1f %%; audit chain %s (pin: %s), action log %s%n",
                    lot, s.passed(), s.failed(), s.yieldPercent(), report.auditChain().holds() ? "holds" : "BROKEN",
                    report.auditChain().pin(), report.actionChain().holds() ? "holds" : "BROKEN");
            System.out.println("wrote " + json);
            System.out.println("wrote " + pdf);
        }
    }
}
