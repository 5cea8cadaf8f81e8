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
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.StationAuditKey;
import dev.hallmark.db.chain.ChainHeads;
import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
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
import java.util.Set;
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
                return LotReportVerify.run(verify, dir, signIn);
            }
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock,
                    line -> { })) {
                StationAccess access = StationAccess.embedded(dir, random, clock, System.out::println);
                SignedIn who = signIn.require(access, dir, Action.LOT_REPORT, lot);
                return RecordedAction.run(access, who, Action.LOT_REPORT, lot, null, () -> {
                    KeyHandle key = station.keys().find(StationAuditKey.ALIAS).orElseThrow(() ->
                            new ProvisioningException(ErrorCode.HSM_KEY_MISSING, "the station audit key is not in the "
                                    + "token; the report cannot be signed"));
                    Instant now = clock.instant();
                    ReportSigner signer = ReportSigner.inToken(station.keys(), key, now, random);
                    LotReport report = build(lot, now, who.name(), station.database(), dir, access,
                            signer.info().keySha256());
                    write(report, signer, out != null ? out : dir.root().resolve("reports"));
                    return report.auditChain().holds() && report.actionChain().holds() ? ExitCode.OK
                            : ExitCode.UNITS_FAILED;
                });
            }
        }

        /** The report of {@code lot} as the database stands, its chain verified against the station's pin. */
        static LotReport build(String lot, Instant now, String operator, AuditDatabase db, DataDir dir,
                               StationAccess access, String tokenKeySha256) throws ProvisioningException {
            String pin = pin(dir);
            String source = pin == null ? "No fingerprint file " + StationAuditKey.FINGERPRINT_FILE + " in the data "
                    + "directory: the chain was checked against the keys its checkpoints carry."
                    : "The pin was read from " + dir.root().resolve(StationAuditKey.FINGERPRINT_FILE) + ", which the "
                    + "station wrote when it created the audit key in its token" + (tokenKeySha256 == null ? "."
                    : pin.equals(tokenKeySha256) ? "; it is the key in the token that signs this report."
                    : "; it does NOT match the key in the token that signs this report (sha256 " + tokenKeySha256
                    + ").");
            ChainReport chain = db.verifyChain(pin == null ? ChainVerifier.acceptingStoredKeys()
                    : ChainVerifier.trusting(Set.of(pin)));
            List<LotReport.ChainHead> heads = new ArrayList<>();
            try {
                for (ChainHeads.Head h : ChainHeads.read(AuditDataSources.embedded(dir.audit()))) {
                    heads.add(new LotReport.ChainHead(h.station(), h.seq(), h.hash()));
                }
            } catch (SQLException e) {
                throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the audit chain heads cannot be read",
                        e.getMessage(), e);
            }
            return LotReportBuilder.build(lot, now, operator, db.store(),
                    new JdbcConformityRecords(AuditDataSources.embedded(dir.audit())), chain, access.log().all(),
                    SoftwareVersion.current(), new LotReport.Trust(pin, source, heads, null));
        }

        private void write(LotReport report, ReportSigner signer, Path directory) throws ProvisioningException {
            String base = "lot-" + lot.replaceAll("[^A-Za-z0-9._-]", "_") + "-conformity";
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
            System.out.printf("lot %s: %d passed, %d failed, yield %.1f %%; audit chain %s, action log %s%n", lot,
                    s.passed(), s.failed(), s.yieldPercent(), report.auditChain().holds() ? "holds" : "BROKEN",
                    report.actionChain().holds() ? "holds" : "BROKEN");
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
