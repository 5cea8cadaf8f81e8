package dev.hallmark.db.export;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one entry point of the exports, for the CLI and the auditor's screen: a format, a lot or all, a stream. */
public final class Exports {

    private static final Logger LOG = LoggerFactory.getLogger(Exports.class);
    private static final int BUFFER = 1 << 16;

    private Exports() {
    }

    /**
     * Writes the export of the lot (all lots when null) to {@code out} as UTF-8, flushed but not closed; returns
     * how many units it wrote. The PEM and AWS formats need {@link ExportContext#caChain()}, the manifest its
     * {@link ExportContext#signer()}; a missing one is refused before anything is written.
     */
    public static long write(ExportFormat format, DataSource source, String lotOrNull, ExportContext context,
                             OutputStream out) throws ProvisioningException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
        return write(format, source, lotOrNull, context, writer);
    }

    /** As {@link #write(ExportFormat, DataSource, String, ExportContext, OutputStream)}, to a writer. */
    public static long write(ExportFormat format, DataSource source, String lotOrNull, ExportContext context,
                             Writer out) throws ProvisioningException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(out, "out");
        long started = System.nanoTime();
        long units;
        try {
            units = switch (format) {
                case CSV -> CsvExport.write(source, lotOrNull, out);
                case JSONL -> JsonlExport.write(source, lotOrNull, out);
                case PEM -> PemBundleExport.write(source, lotOrNull, context.requireCaChain(format), out);
                case MANIFEST -> ManifestExport.write(source, lotOrNull, context.requireSigner(format),
                        context.clock().instant().truncatedTo(ChronoUnit.MILLIS), out);
                case AWS -> AwsBulkExport.write(source, lotOrNull, context.requireCaChain(format), out);
                case SECRETS -> SecretsExport.write(source, lotOrNull, out);
            };
            out.flush();
        } catch (IOException e) {
            throw outputFailure(e);
        }
        LOG.info("exported {} unit(s) of {} as {} in {} ms", units, lotOrNull == null ? "all lots" : "lot " + lotOrNull,
                format.cliName(), (System.nanoTime() - started) / 1_000_000);
        return units;
    }

    static ProvisioningException outputFailure(IOException e) {
        return new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the audit export could not be written",
                e.getClass().getSimpleName(), e);
    }
}
