package dev.hallmark.db.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.db.query.AuditedUnit;
import dev.hallmark.db.query.UnitCursor;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * A signed lot manifest, in the spirit of Microchip's manifest files: one entry per PASS unit, each a compact
 * JWS (ES256) by the station key over the unit's identity, certificate and lock evidence, and a signature over
 * the whole. Written as it is read, so the whole is bound by a running hash: {@code entries_sha256} is the
 * SHA-256 of every entry's {@code jws} followed by a line feed, in order, and the final {@code signature} is a
 * JWS over the manifest's header fields with that hash. See docs/auditor-guide.md for the layout and how to
 * verify it.
 */
public final class ManifestExport {

    /** The manifest's {@code format} value. */
    public static final String FORMAT = "hallmark-lot-manifest";
    /** The manifest's {@code version} value. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ManifestExport() {
    }

    /** Writes the manifest of the lot (all lots when null); returns how many entries it signed. */
    public static long write(DataSource source, String lotOrNull, JwsSigner signer, Instant created, Writer out)
            throws ProvisioningException, IOException {
        MessageDigest entries = sha256();
        JsonGenerator json = JSON.getFactory().createGenerator(out).useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeNumberField("version", VERSION);
        json.writeStringField("lot", lotOrNull);
        json.writeStringField("created", created.toString());
        json.writeFieldName("signer");
        json.writeTree(signerBlock(signer));
        json.writeArrayFieldStart("entries");
        UnitQuery passed = UnitQuery.builder().lot(lotOrNull).result(UnitResult.PASS).build();
        long count = UnitCursor.over(source, passed).forEach(audited -> {
            String jws = signer.sign(JSON.writeValueAsBytes(payload(audited)));
            entries.update((jws + "\n").getBytes(StandardCharsets.US_ASCII));
            json.writeStartObject();
            json.writeStringField("serial", audited.unit().serial());
            json.writeStringField("uid", audited.unit().uid());
            json.writeStringField("jws", jws);
            json.writeEndObject();
        });
        json.writeEndArray();
        String digest = HexFormat.of().formatHex(entries.digest());
        json.writeNumberField("entry_count", count);
        json.writeStringField("entries_sha256", digest);
        ObjectNode summary = JSON.createObjectNode();
        summary.put("format", FORMAT);
        summary.put("version", VERSION);
        summary.put("lot", lotOrNull);
        summary.put("created", created.toString());
        summary.put("kid", signer.kid());
        summary.put("entry_count", count);
        summary.put("entries_sha256", digest);
        json.writeStringField("signature", signer.sign(JSON.writeValueAsBytes(summary)));
        json.writeEndObject();
        json.flush();
        out.write('\n');
        return count;
    }

    /** What an entry's JWS signs: the unit's identity, its certificate (DER and SHA-256) and its lock evidence. */
    static ObjectNode payload(AuditedUnit audited) throws ProvisioningException {
        UnitRecord unit = audited.unit();
        if (unit.certificatePem() == null) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "unit " + unit.serial()
                    + " is recorded PASS without a certificate, so no manifest entry can be signed for it");
        }
        byte[] der = UnitFields.der(unit.certificatePem());
        String sha256 = UnitFields.sha256(der);
        if (!sha256.equals(unit.certificateSha256())) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate recorded for unit " + unit.serial()
                    + " has SHA-256 " + sha256 + ", not the recorded " + unit.certificateSha256()
                    + "; the record was changed and no manifest entry is signed for it");
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("serial", unit.serial());
        p.put("uid", unit.uid());
        p.put("chip_family", unit.chipFamily());
        p.put("lot", unit.lot());
        p.put("station", unit.station());
        p.put("fixture", unit.fixture());
        p.put("result", unit.result().name());
        p.put("started", UnitFields.iso(unit.started()));
        p.put("finished", UnitFields.iso(unit.finished()));
        ObjectNode certificate = p.putObject("certificate");
        certificate.put("sha256", sha256);
        certificate.put("der", Base64.getEncoder().encodeToString(der));
        if (audited.evidence() == null) {
            p.putNull("lock_evidence");
        } else {
            p.set("lock_evidence", JsonlExport.lockEvidence(audited.evidence()));
        }
        return p;
    }

    private static ObjectNode signerBlock(JwsSigner signer) {
        ObjectNode s = JSON.createObjectNode();
        s.put("alg", "ES256");
        s.put("kid", signer.kid());
        s.set("jwk", signer.jwk());
        if (!signer.x5c().isEmpty()) {
            signer.x5c().forEach(s.putArray("x5c")::add);
        }
        return s;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
