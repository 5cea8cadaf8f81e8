package dev.hallmark.ca.cmp;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders the CA certificates for a leaf: issuing CA first, up to a self-signed root, picked by name and signature
 * from what the CA sent along and from the configured chain. Nothing here is trusted; the engine validates the
 * result against its own trust anchor.
 */
final class ChainAssembler {

    private static final int MAX_DEPTH = 8;

    private ChainAssembler() {
    }

    static List<X509Certificate> chainFor(X509Certificate leaf, List<X509Certificate> candidates) {
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = leaf;
        while (chain.size() < MAX_DEPTH && !selfIssued(current)) {
            X509Certificate issuer = issuerOf(current, candidates);
            if (issuer == null || chain.contains(issuer)) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }

    private static X509Certificate issuerOf(X509Certificate cert, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(candidate.getPublicKey());
                    return candidate;
                } catch (GeneralSecurityException e) {
                    // same name, another key: keep looking
                }
            }
        }
        return null;
    }

    private static boolean selfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }
}
