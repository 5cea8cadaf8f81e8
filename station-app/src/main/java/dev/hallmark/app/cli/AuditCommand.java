package dev.hallmark.app.cli;

import dev.hallmark.app.station.DataDir;
import dev.hallmark.app.station.StationAuditKey;
import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.JsonlExport;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The auditor's tools: exports of the unit records. */
@Command(name = "audit", description = "Audit records: verify the chain, export",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class}, mixinStandardHelpOptions = true)
public final class AuditCommand {

    /** {@code hallmark audit export}: one JSON object per unit on stdout. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print the unit records of the station's audit database (JSON lines: one unit per line).")
    static final class Export implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--format", defaultValue = "jsonl", description = "Output format: jsonl (default).")
        String format;

        @Option(names = "--lot", paramLabel = "LOT", description = "Only units of this lot.")
        String lot;

        @Override
        public Integer call() throws Exception {
            if (!"jsonl".equals(format)) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                        "export format '" + format + "' is not available; use --format jsonl");
            }
            DataDir dir = DataDir.resolve(dataDir);
            requireDatabase(dir);
            try (AuditDatabase db = AuditDatabase.openH2(dir.audit())) {
                Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                JsonlExport.write(db.store(), lot, out);
                out.flush();
            }
            return ExitCode.OK;
        }
    }

    /** {@code hallmark audit verify}: the tamper-evident chain and its signed checkpoints, finding by finding. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the audit chain of every station: each edited, deleted, inserted or reordered row and",
                "each bad checkpoint signature is named, one per line. Exit 0 when all holds, 1 otherwise."})
    static final class Verify implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--trust-key-sha256", paramLabel = "HEX",
                description = "Pin a station audit key (SHA-256 of its public key; repeatable). Default: the"
                        + " fingerprint in DIR/" + StationAuditKey.FINGERPRINT_FILE + ".")
        java.util.List<String> trusted;

        @Override
        public Integer call() throws Exception {
            DataDir dir = DataDir.resolve(dataDir);
            requireDatabase(dir);
            java.util.Set<String> pins = new java.util.TreeSet<>(trusted == null ? java.util.List.of() : trusted);
            Path fingerprint = dir.root().resolve(StationAuditKey.FINGERPRINT_FILE);
            if (pins.isEmpty() && Files.exists(fingerprint)) {
                pins.add(Files.readString(fingerprint, StandardCharsets.US_ASCII).trim());
            }
            ChainVerifier verifier = pins.isEmpty() ? ChainVerifier.acceptingStoredKeys() : ChainVerifier.trusting(pins);
            try (AuditDatabase db = AuditDatabase.openH2(dir.audit())) {
                ChainReport report = db.verifyChain(verifier);
                int code = report.print(System.out);
                System.out.flush();
                return code == 0 ? ExitCode.OK : ExitCode.UNITS_FAILED;
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
