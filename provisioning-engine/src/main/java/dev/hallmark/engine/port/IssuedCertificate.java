package dev.hallmark.engine.port;

import java.security.cert.X509Certificate;
import java.util.List;

/** A device certificate with the chain that issued it (issuing CA first, root last). */
public record IssuedCertificate(X509Certificate leaf, List<X509Certificate> chain) {
    public IssuedCertificate {
        chain = List.copyOf(chain);
    }
}
