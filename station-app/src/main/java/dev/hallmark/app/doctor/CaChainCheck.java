package dev.hallmark.app.doctor;

import dev.hallmark.engine.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The CA chain file: each certificate signed by the next, the last self-signed, none expired or expiring soon. */
final class CaChainCheck {

    private CaChainCheck() {
    }

    static CheckResult check(Path chainFile, Instant now, int minDays) {
        List<X509Certificate> chain;
        try {
            chain = Pem.parseCertificates(Files.readAllBytes(chainFile));
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            return CheckResult.fail("ca", "cannot read the CA chain " + chainFile + ": " + e.getMessage());
        }
        if (chain.isEmpty()) {
            return CheckResult.fail("ca", "no certificate in " + chainFile);
        }
        try {
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate cert = chain.get(i);
                X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : cert;
                cert.verify(issuer.getPublicKey());
            }
        } catch (GeneralSecurityException e) {
            return CheckResult.fail("ca", "the chain in " + chainFile + " does not verify: " + e.getMessage());
        }
        X509Certificate first = chain.get(0);
        for (X509Certificate c : chain) {
            if (c.getNotAfter().before(first.getNotAfter())) {
                first = c;
            }
        }
        long days = Duration.between(now, first.getNotAfter().toInstant()).toDays();
        String detail = chain.size() + " certificate(s) verify to " + chain.get(chain.size() - 1)
                .getSubjectX500Principal().getName() + "; " + first.getSubjectX500Principal().getName()
                + " expires first, in " + days + " days (" + first.getNotAfter().toInstant() + ")";
        if (first.getNotAfter().toInstant().isBefore(now)) {
            return CheckResult.fail("ca", "expired: " + detail);
        }
        return days < minDays ? CheckResult.fail("ca", "expires within " + minDays + " days: " + detail)
                : CheckResult.ok("ca", detail);
    }
}
