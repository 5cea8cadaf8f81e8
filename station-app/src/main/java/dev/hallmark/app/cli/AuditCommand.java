package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.access.Action;
import dev.hallmark.app.station.StationAuditKey;
import dev.hallmark.db.records.RecordsReport;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.export.ExportFormat;
import dev.hallmark.db.export.Exports;
import dev.hallmark.db.export.JwsSigner;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The auditor's tools: exports of the unit records. */
@Command(name = "audit", description = "Audit records: verify the chain, export",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class}, mixinStandardHelpOptions = true)
public final class AuditCommand {

    /** {@code hallmark audit export}: the unit records in the format an auditor or a cloud registry reads. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print the unit records of the station's audit database in one of these formats:",
                "csv (RFC 4180, safe from formula injection), jsonl (one unit per line), pem (PASS certificates and",
                "the CA chain), manifest (JWS-signed lot manifest, signed by the station key in the token),",
                "aws (AWS IoT bulk registration lines), secrets (a lot's unit secrets wrapped for the customer's key,",
                "one JSON line per PASS unit; needs --lot)."})
    static final class Export implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--format", defaultValue = "jsonl", description = "csv, jsonl (default), pem, manifest, aws, secrets.")
        String format;

        @Option(names = "--lot", paramLabel = "LOT", description = "Only units of this lot.")
        String lot;

        @picocli.CommandLine.Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws Exception {
            ExportFormat chosen = ExportFormat.parse(format);
            DataDir dir = DataDir.resolve(dataDir);
            requireDatabase(dir);
            ExportContext context = ExportContext.of(Clock.systemUTC());
            if (chosen == ExportFormat.MANIFEST) {
                try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), new SecureRandom(),
                        Clock.systemUTC(), line -> { })) {
                    var key = station.keys().find(StationAuditKey.ALIAS).orElseThrow();
                    ExportContext signed = context.withSigner(JwsSigner.of(station.keys(), key)
                            .withCertificateChain(station.issuer().caChain()));
                    return guarded(dir, StationAccess.embedded(dir, new SecureRandom(), Clock.systemUTC(),
                            System.err::println).anchorWith(station.actionAnchor()), () -> write(chosen, dir, signed));
                }
            }
            ExportContext withChain = chosen == ExportFormat.PEM || chosen == ExportFormat.AWS
                    ? context.withCaChain(caChain(dir)) : context;
            try (PinnedAudit audit = PinnedAudit.open(dir, List.of(), null)) {
                return guarded(dir, audit.access(dir, Clock.systemUTC(), System.err::println),
                        () -> write(chosen, dir, withChain));
            }
        }

        /** Signs in as an auditor (the audit database is open; a refusal anchored at once) and records the export. */
        private int guarded(DataDir dir, StationAccess access, RecordedAction.Work work)
                throws ProvisioningException, InterruptedException {
            String target = format + (lot == null ? "" : " lot " + lot);
            var who = signIn.require(access, dir, Action.AUDIT_EXPORT, target);
            return RecordedAction.run(access, who, Action.AUDIT_EXPORT, target, null, work);
        }

        private int write(ExportFormat chosen, DataDir dir, ExportContext context) throws ProvisioningException {
            Exports.write(chosen, AuditDataSources.embedded(dir.audit()), lot, context, System.out);
            System.out.flush();
            return ExitCode.OK;
        }

        private static List<X509Certificate> caChain(DataDir dir) throws ProvisioningException {
            StationConfig config = StationConfig.load(dir.root());
            Path chain = config.ca().chain() != null ? dir.root().resolve(config.ca().chain())
                    : dir.ca().resolve("chain.pem");
            try {
                return Pem.parseCertificates(Files.readAllBytes(chain));
            } catch (IOException | CertificateException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA chain " + chain
                        + " cannot be read; run 'hallmark ca init' or set ca.chain in station.yaml", e.getMessage(), e);
            }
        }
    }

    /** {@code hallmark audit verify}: the tamper-evident chain and its signed checkpoints, finding by finding. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the audit chain of every station: each edited, deleted, inserted, reordered or cut-off",
                "row, each bad checkpoint signature and each certificate the CA issued that no unit records is named,",
                "one per line. The station keys are pinned to --trust-list, else --trust-key-sha256, else the audit",
                "key in the station token; the first line says which. Exit 0 when all holds under a pin, 1 with",
                "findings, 4 when nothing could be pinned (docs/auditor-guide.md)."})
    static final class Verify implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--trust-key-sha256", paramLabel = "HEX",
                description = "Pin a station audit key (SHA-256 of its public key; repeatable), brought by the auditor."
                        + " Default: the audit key in the station token; " + StationAuditKey.FINGERPRINT_FILE
                        + " in DIR is compared with the token, never trusted by itself.")
        List<String> trusted;

        @Option(names = "--trust-list", paramLabel = "FILE",
                description = "A plant trust list: one 'station-id key-sha256' pair per line ('#' comments);"
                        + " each station's checkpoints must be signed by a key listed for it.")
        Path trustList;

        @picocli.CommandLine.Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws Exception {
            DataDir dir = DataDir.resolve(dataDir);
            requireDatabase(dir);
            try (PinnedAudit audit = PinnedAudit.open(dir, trusted, trustList)) {
                StationAccess access = audit.access(dir, Clock.systemUTC(), System.out::println);
                var who = signIn.require(access, dir, Action.AUDIT_VERIFY, null);
                return RecordedAction.run(access, who, Action.AUDIT_VERIFY, null, null, () -> {
                    RecordsReport report = audit.db().verifyRecords(audit.trust());
                    int code = report.print(System.out);
                    System.out.flush();
                    return code == 0 ? ExitCode.OK : code == 1 ? ExitCode.UNITS_FAILED : ExitCode.UNPINNED;
                });
            }
        }
    }

    static void requireDatabase(DataDir dir) throws ProvisioningException {
        if (!Files.isDirectory(dir.audit())) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                    "there is no audit database in " + dir.root() + "; run 'hallmark demo --data-dir " + dir.root() + "' first");
        }
    }

    private AuditCommand() {
    }
}
