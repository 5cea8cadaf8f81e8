package dev.hallmark.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** The signature half of {@code lot report --verify}: valid, over the whole file, by the pinned audit key. */
public final class ReportCheck {

    private ReportCheck() {
    }

    /**
     * What was found about a report's signature.
     *
     * @param holds        whether the signature is valid, covers the whole file and is by the pinned key
     * @param finding      the first thing that does not hold, null when all holds
     * @param lines        one line per fact, for printing
     * @param attachedJson the report's data attached to the PDF, null when there is none or it cannot be read
     */
    public record Signature(boolean holds, String finding, List<String> lines, JsonNode attachedJson) {
    }

    /** Checks {@code pdf}'s signature; {@code pin} is the audit key SHA-256 to require, or null to only report it. */
    public static Signature signature(byte[] pdf, String pin) {
        List<String> lines = new ArrayList<>();
        JsonNode json = null;
        PdfSignature.Check check;
        try {
            check = PdfSignature.check(pdf);
            byte[] attached = LotReportDocument.attachedJson(pdf);
            json = attached == null ? null : new ObjectMapper().readTree(attached);
        } catch (IOException | RuntimeException e) {
            lines.add("signature: the file cannot be read as a PDF: " + e.getMessage());
            return new Signature(false, "the file cannot be read as a PDF: " + e.getMessage(), lines, null);
        }
        String finding = check.finding();
        if (check.signer() != null) {
            String key;
            try {
                key = ReportSigner.sha256(check.signer().getPublicKey().getEncoded());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            lines.add("signature: " + (check.valid() ? "valid" : "INVALID") + ", signer "
                    + check.signer().getSubjectX500Principal().getName() + ", key sha256 " + key);
            if (pin == null) {
                lines.add("signature: no pinned audit key in the data directory; compare the key sha256 above with "
                        + "the station's audit-signer.sha256 yourself");
            } else if (!pin.equals(key)) {
                finding = finding != null ? finding : "signed by key sha256 " + key + ", not the pinned station audit "
                        + "key " + pin;
                lines.add("signature: NOT made by the pinned station audit key " + pin);
            } else {
                lines.add("signature: made by the pinned station audit key (audit-signer.sha256)");
            }
        }
        if (check.finding() != null) {
            lines.add("signature: " + check.finding());
        } else {
            lines.add("signature: covers the whole file (" + pdf.length + " bytes)");
        }
        if (json != null && check.signer() != null) {
            String stated = json.path("signer").path("key_sha256").asText(null);
            try {
                String key = ReportSigner.sha256(check.signer().getPublicKey().getEncoded());
                if (!key.equals(stated)) {
                    finding = finding != null ? finding : "the report states signer key " + stated + " but was signed by "
                            + key;
                    lines.add("signature: the signed content names another signer (" + stated + ")");
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
        return new Signature(finding == null, finding, lines, json);
    }
}
