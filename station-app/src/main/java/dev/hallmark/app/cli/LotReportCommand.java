package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.report.LotReport;
import dev.hallmark.app.report.LotReportBuilder;
import dev.hallmark.app.report.LotReportDocument;
import dev.hallmark.app.report.ReportSigner;
import dev.hallmark.app.report.SoftwareVersion;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.report.ReportFileName;
import dev.hallmark.app.station.StationAuditKey;
import dev.hallmark.app.station.StationTokenView;
import dev.hallmark.db.chain.ChainHeads;
import dev.hallmark.db.records.AuditTrust;
import dev.hallmark.db.records.RecordsReport;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hallmark lot report}: a lot's conformity report, a subcommand of {@link LotCommand}. */
final class LotReportCommand {

    private LotReportCommand() {
    }

    /** {@code hallmark lot report --lot L}: JSON and signed PDF/A-3, for an independent lab (auditor). */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write the ISO/IEC 27402 conformity report of a lot as JSON and as a signed PDF/A-3 document:",
                "summary, the class's requirements, failures by cause and step, per-unit evidence of each control,",
                "the audit chain's head and the key it was verified against; the JSON is attached to the PDF, which",
                "is signed with the station audit key in the token. With --verify FILE: check a report's signature",
                "and that its numbers still match the audit database (exit 0 when both hold, 1 otherwise).",
                "Needs the auditor (or supervisor, admin) role."})
    static final class Report implements Callable<Integer> {

        @Option(names = "--lot", paramLabel = "LOT", description = "The lot (to write its report).")
        String lot;

        @Option(names = "--verify", paramLabel = "FILE", description = "Check this report PDF instead of writing one.")
        Path verify;

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
            if ((lot == null) == (verify == null)) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "lot report: name either --lot LOT (write "
                        + "its report) or --verify FILE (check a report)");
            }
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            if (verify != null) {
                return LotReportVerify.run(verify, dir, signIn, trusted, trustList);
            }
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            try (PinnedAudit audit = PinnedAudit.open(dir, trusted, trustList)) {
                StationAccess access = audit.access(dir, clock, System.out::println);
                SignedIn who = signIn.require(access, dir, Action.LOT_REPORT, lot);
                return RecordedAction.run(access, who, Action.LOT_REPORT, lot, null, () -> {
                    StationTokenView token = audit.token().orElseThrow(() -> new ProvisioningException(
                            ErrorCode.HSM_KEY_MISSING, "the station token with its audit key is out of reach; the "
                            + "report is signed with that key and cannot be written without it"));
                    Instant now = clock.instant();
                    ReportSigner signer = ReportSigner.inToken(token.keys(), token.auditKey(), now, random);
                    Built built = build(lot, now, who.name(), audit.db(), dir, access, audit.trust(),
                            signer.info().keySha256());
                    write(built.report(), signer, out != null ? out : dir.root().resolve("reports"));
                    return !built.verified().ok() || !built.report().actionChain().holds() ? ExitCode.UNITS_FAILED
                            : built.verified().pinned() ? ExitCode.OK : ExitCode.UNPINNED;
                });
            }
        }

        /** A report and the verification of the records it states. */
        record Built(LotReport report, RecordsReport verified) {
        }

        /** The report of {@code lot} as the database stands, its chain verified against the station's pin. */
        static Built build(String lot, Instant now, String operator, AuditDatabase db, DataDir dir,
                           StationAccess access, AuditTrust trust, String tokenKeySha256) throws ProvisioningException {
            String pin = pin(dir);
            String source = trust.pinLine() + ". " + (pin == null ? "No fingerprint file " + StationAuditKey.FINGERPRINT_FILE + " in the data "
                    + "directory: the chain was checked against the keys its checkpoints carry."
                    : "The pin was read from " + dir.root().resolve(StationAuditKey.FINGERPRINT_FILE) + ", which the "
                    + "station wrote when it created the audit key in its token" + (tokenKeySha256 == null ? "."
                    : pin.equals(tokenKeySha256) ? "; it is the key in the token that signs this report."
                    : "; it does NOT match the key in the token that signs this report (sha256 " + tokenKeySha256
                    + ")."));
            RecordsReport chain = db.verifyRecords(trust);
            List<LotReport.ChainHead> heads = new ArrayList<>();
            try {
                for (ChainHeads.Head h : ChainHeads.read(AuditDataSources.embedded(dir.audit()))) {
                    heads.add(new LotReport.ChainHead(h.station(), h.seq(), h.hash()));
                }
            } catch (SQLException e) {
                throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the audit chain heads cannot be read",
                        e.getMessage(), e);
            }
            String pinned = trust.pin() == AuditTrust.Pin.TOKEN ? tokenKeySha256 : pin;
            return new Built(LotReportBuilder.build(lot, now, operator, db.store(),
                    new JdbcConformityRecords(AuditDataSources.embedded(dir.audit())), chain, access.log().all(),
                    SoftwareVersion.current(), new LotReport.Trust(pinned, source, heads, null)), chain);
        }

        private void write(LotReport report, ReportSigner signer, Path directory) throws ProvisioningException {
            String base = ReportFileName.base(lot);
            Path json = directory.resolve(base + ".json");
            Path pdf = directory.resolve(base + ".pdf");
            try {
                Files.createDirectories(directory);
                LotReportDocument.Written written = LotReportDocument.write(report, signer);
                Files.write(json, written.json());
                Files.write(pdf, written.pdf());
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

        /** The audit key fingerprint the station pinned, or null when it wrote none. */
        static String pin(DataDir dir) throws ProvisioningException {
            Path fingerprint = dir.root().resolve(StationAuditKey.FINGERPRINT_FILE);
            try {
                return Files.exists(fingerprint) ? Files.readString(fingerprint, StandardCharsets.US_ASCII).trim() : null;
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the audit key fingerprint " + fingerprint
                        + " cannot be read", e.getMessage(), e);
            }
        }
    }
}
