package dev.hallmark.db.export;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats, by the name the CLI takes after {@code --format}. */
public enum ExportFormat {
    /** RFC 4180 CSV, one record per unit, safe from spreadsheet formula injection. */
    CSV("csv", "text/csv; charset=utf-8; header=present"),
    /** JSON lines, one object per unit. */
    JSONL("jsonl", "application/jsonl"),
    /** Every PASS unit's certificate, then the CA chain once. */
    PEM("pem", "application/pem-certificate-chain"),
    /** A JSON manifest of the PASS units, each entry a JWS (ES256), signed as a whole too. */
    MANIFEST("manifest", "application/json"),
    /** AWS IoT bulk-registration input: one JSON line of template parameters per PASS unit. */
    AWS("aws", "application/jsonl"),
    /** The unit secrets of a lot's PASS units wrapped for the customer's key: one JSON line per unit. */
    SECRETS("secrets", "application/jsonl");

    private final String cliName;
    private final String mediaType;

    ExportFormat(String cliName, String mediaType) {
        this.cliName = cliName;
        this.mediaType = mediaType;
    }

    /** The name after {@code --format}. */
    public String cliName() {
        return cliName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named {@code name} (any case); refuses an unknown name, listing the known ones. */
    public static ExportFormat parse(String name) throws ProvisioningException {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.cliName.equals(wanted)) {
                return f;
            }
        }
        throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "export format '" + name + "' is not known; use "
                + Arrays.stream(values()).map(ExportFormat::cliName).collect(Collectors.joining("|")));
    }
}
