package dev.hallmark.bench;

import java.util.Locale;

/** The certificate issuers {@code bench ca} measures, in the order it reports them. */
enum IssuerKind {
    /** The station's own CA, its keys in a SoftHSM2 token on tmpfs. */
    EMBEDDED,
    /** cfssl's remote signing API ({@code /authsign}, HMAC) on 127.0.0.1. */
    CFSSL,
    /** OpenSSL 3's CMP mock server, p10cr with MAC (PBM) protection. */
    CMP;

    /** The name in output lines and on the command line. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
