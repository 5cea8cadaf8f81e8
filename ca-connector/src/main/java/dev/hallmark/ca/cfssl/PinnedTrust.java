package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS context that trusts only the CA certificates of one PEM file; host names are still verified. */
final class PinnedTrust {

    private PinnedTrust() {
    }

    static SSLContext sslContext(Path pemFile) throws ProvisioningException {
        List<X509Certificate> anchors = CaChainFile.readCertificates(pemFile, "pinned TLS CA");
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("pinned-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the pinned TLS CA in " + pemFile + " cannot be used as a trust anchor", e.getMessage(), e);
        }
    }
}
