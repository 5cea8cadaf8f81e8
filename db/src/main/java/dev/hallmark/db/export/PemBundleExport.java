package dev.hallmark.db.export;

import dev.hallmark.db.query.UnitCursor;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.Writer;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PEM bundle: every PASS unit's certificate in id order, each after a {@code #} line naming its serial, UID
 * and SHA-256, then the CA chain once (issuing CA first). Text outside the PEM boundaries is allowed by
 * RFC 7468 (section 2), so OpenSSL, the JDK and Python read the bundle as certificates in this order.
 */
public final class PemBundleExport {

    private static final Logger LOG = LoggerFactory.getLogger(PemBundleExport.class);

    private PemBundleExport() {
    }

    /** Writes the bundle for the lot (all lots when null); returns how many unit certificates it wrote. */
    public static long write(DataSource source, String lotOrNull, List<X509Certificate> caChain, Writer out)
            throws ProvisioningException, IOException {
        UnitQuery passed = UnitQuery.builder().lot(lotOrNull).result(UnitResult.PASS).build();
        long[] missing = {0};
        long written = UnitCursor.over(source, passed).forEach(audited -> {
            UnitRecord unit = audited.unit();
            if (unit.certificatePem() == null) {
                missing[0]++;
                return;
            }
            out.write(comment("unit " + unit.serial() + " uid " + unit.uid() + " sha256 " + unit.certificateSha256()));
            out.write(withNewline(unit.certificatePem()));
        });
        for (X509Certificate ca : caChain) {
            out.write(comment("CA " + ca.getSubjectX500Principal().getName()));
            out.write(Pem.certificate(ca));
        }
        if (missing[0] > 0) {
            LOG.warn("{} PASS unit(s) have no recorded certificate and are not in the PEM bundle", missing[0]);
        }
        return written - missing[0];
    }

    /** A one-line comment; control characters in recorded text cannot start a line of their own. */
    private static String comment(String text) {
        return "# " + text.replaceAll("\\p{Cntrl}", "?") + "\n";
    }

    private static String withNewline(String pem) {
        return pem.endsWith("\n") ? pem : pem + "\n";
    }
}
