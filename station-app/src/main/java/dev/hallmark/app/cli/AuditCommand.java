package dev.hallmark.app.cli;

import dev.hallmark.app.station.DataDir;
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
@Command(name = "audit", description = "Audit records: export", subcommands = AuditCommand.Export.class,
        mixinStandardHelpOptions = true)
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
            if (!Files.isDirectory(dir.audit())) {
                throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                        "there is no audit database in " + dir.root() + "; run 'hallmark demo --data-dir " + dir.root() + "' first");
            }
            try (AuditDatabase db = AuditDatabase.openH2(dir.audit())) {
                Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                JsonlExport.write(db.store(), lot, out);
                out.flush();
            }
            return ExitCode.OK;
        }
    }

    private AuditCommand() {
    }
}
