package dev.hallmark.engine.api;

import java.util.Objects;

/**
 * The one checked exception of Hallmark: a stable {@link ErrorCode}, a plain sentence for the operator,
 * and the raw detail of the part (a PKCS#11 CKR name, a NACK byte, an HTTP status) for the log.
 */
public final class ProvisioningException extends Exception {

    private final ErrorCode code;
    private final String rawDetail;

    public ProvisioningException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ProvisioningException(ErrorCode code, String message, String rawDetail, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.code = Objects.requireNonNull(code);
        this.rawDetail = rawDetail;
    }

    public ErrorCode code() {
        return code;
    }

    /** The part's own words (CKR_PIN_INCORRECT, NACK 0x1F, HTTP 503), or null. */
    public String rawDetail() {
        return rawDetail;
    }

    /** One line for the operator: code, part, what happened, what to do. Never contains a secret. */
    public String oneLine() {
        String raw = rawDetail == null ? "" : " (" + rawDetail + ")";
        String message = getMessage().endsWith(".") ? getMessage().substring(0, getMessage().length() - 1) : getMessage();
        return code.id() + " " + code.part() + ": " + message + raw + " - " + code.remedy();
    }
}
