package dev.hallmark.engine.port;

/** How a generated key pair is held by its token. */
public enum KeyPolicy {
    /** Token object; private key sensitive and never extractable (CA keys, on-device custody). */
    TOKEN_NON_EXTRACTABLE,
    /** Session object; private key sensitive, extractable only wrapped (injected custody). */
    SESSION_WRAP_ONLY
}
