package dev.hallmark.ca.cmp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/** A CMP protection key held in software, for tests; the station plugs a token key in instead. */
record SoftwareCmpSigner(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) implements CmpSigner {

    @Override
    public ContentSigner contentSigner() {
        return TestPki.signer(key);
    }
}
