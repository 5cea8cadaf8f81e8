package dev.hallmark.engine.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of the transport KEK a device key is wrapped under: its token label, origin and key check value (with
 * the KCV method, since zero-block AES-ECB and AES-CMAC differ). Never its value.
 */
public record TransportKek(String label, KekOrigin origin, String kcv, String kcvMethod) {

    private static final Pattern ORIGIN = Pattern.compile("kek-origin=([A-Za-z-]+)");

    public TransportKek {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(origin, "origin");
    }

    /** The text every unit record wrapped under this KEK carries (chained with the step evidence). */
    public String evidence() {
        return "transport KEK '" + label + "' kek-origin=" + origin.evidenceName()
                + (kcv == null ? "" : " kcv=" + kcv + " (" + kcvMethod + ")");
    }

    /** The origin a unit's evidence text names, if it names one. */
    public static Optional<KekOrigin> originIn(String evidence) {
        if (evidence == null) {
            return Optional.empty();
        }
        Matcher m = ORIGIN.matcher(evidence);
        if (!m.find()) {
            return Optional.empty();
        }
        for (KekOrigin o : KekOrigin.values()) {
            if (o.evidenceName().equals(m.group(1))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
