package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.export.ExportFormat;
import dev.hallmark.db.export.JwsSigner;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.query.JdbcUnitArchive;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The auditor's archive on an embedded station: its H2 audit database, the chain verified against the station
 * audit key pinned in the data directory (as {@code hallmark audit verify} does), and exports signed by the
 * station key in its token.
 */
public final class StationArchive {

    private StationArchive() {
    }

    /** The archive of {@code station}'s database, open as long as the station is. */
    public static UnitArchive of(EmbeddedStation station, Clock clock) throws ProvisioningException {
        List<X509Certificate> chain = station.issuer().caChain();
        List<String> chainPem = new ArrayList<>();
        for (X509Certificate c : chain) {
            chainPem.add(Pem.certificate(c));
        }
        return new JdbcUnitArchive(station.database(), AuditDataSources.embedded(station.dir().audit()),
                verifier(station.dir()), chainPem, format -> context(station, chain, format, clock));
    }

    private static ChainVerifier verifier(DataDir dir) throws ProvisioningException {
        Path fingerprint = dir.root().resolve(StationAuditKey.FINGERPRINT_FILE);
        if (!Files.exists(fingerprint)) {
            return ChainVerifier.acceptingStoredKeys();
        }
        try {
            return ChainVerifier.trusting(Set.of(Files.readString(fingerprint, StandardCharsets.US_ASCII).trim()));
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the pinned audit key fingerprint "
                    + fingerprint + " cannot be read", e.toString(), e);
        }
    }

    private static ExportContext context(EmbeddedStation station, List<X509Certificate> chain, ExportFormat format,
                                         Clock clock) throws ProvisioningException {
        ExportContext context = ExportContext.of(clock).withCaChain(chain);
        if (format == ExportFormat.MANIFEST) {
            var key = station.keys().find(StationAuditKey.ALIAS).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.HSM_KEY_MISSING, "the station audit key is not in the token; the manifest cannot be signed"));
            context = context.withSigner(JwsSigner.of(station.keys(), key).withCertificateChain(chain));
        }
        return context;
    }
}
