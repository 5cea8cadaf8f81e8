package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A certificate authority on the station: root and issuing CA keys live in the station's token and are
 * reached only through {@link DeviceKeyStore}; the CA certificates live as PEM files in the CA directory.
 * Immutable and safe to share between fixtures.
 */
public final class EmbeddedCa implements CertificateIssuer {

    /** Token alias (CKA_LABEL) of the root CA key. */
    public static final String ROOT_KEY_ALIAS = "hallmark-root-ca";
    /** Token alias (CKA_LABEL) of the issuing CA key. */
    public static final String ISSUING_KEY_ALIAS = "hallmark-issuing-ca";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedCa.class);

    private final KeyHandle issuingKey;
    private final X509Certificate issuing;
    private final X509Certificate root;
    private final LeafProfile leaves;

    private EmbeddedCa(KeyHandle issuingKey, X509Certificate issuing, X509Certificate root, LeafProfile leaves) {
        this.issuingKey = issuingKey;
        this.issuing = issuing;
        this.root = root;
        this.leaves = leaves;
    }

    /**
     * Creates a new CA: both keys generated in the token (non-extractable, EC P-256), the root self-signed,
     * the issuing CA signed by the root, the certificates attached in the token and written to {@code caDir}.
     * Refuses to touch an existing CA; on failure removes the keys and files this call made.
     */
    public static EmbeddedCa initialize(DeviceKeyStore keys, Path caDir, String caName, Clock clock,
                                        SecureRandom random) throws ProvisioningException {
        CaFiles files = new CaFiles(caDir);
        if (!CaCertificateFactory.validCaName(caName)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA name must have 1 to "
                    + CaCertificateFactory.MAX_CA_NAME + " characters without leading or trailing spaces");
        }
        if (files.anyPresent()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "an embedded CA already exists in " + caDir + "; it is never overwritten");
        }
        for (String alias : List.of(ROOT_KEY_ALIAS, ISSUING_KEY_ALIAS)) {
            if (keys.find(alias).isPresent()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the token already holds a CA key '"
                        + alias + "'; an existing CA is never overwritten");
            }
        }
        CertificateSigning signing = new CertificateSigning(keys, random);
        CaCertificateFactory factory = new CaCertificateFactory(signing, clock);
        List<KeyHandle> generated = new ArrayList<>();
        try {
            KeyHandle rootKey = keys.generate(KeySpec.EC_P256, ROOT_KEY_ALIAS, KeyPolicy.TOKEN_NON_EXTRACTABLE);
            generated.add(rootKey);
            X509Certificate root = factory.root(caName, rootKey);
            KeyHandle issuingKey = keys.generate(KeySpec.EC_P256, ISSUING_KEY_ALIAS, KeyPolicy.TOKEN_NON_EXTRACTABLE);
            generated.add(issuingKey);
            X509Certificate issuing = factory.issuing(caName, issuingKey, root, rootKey);
            keys.attachCertificate(rootKey, root);
            keys.attachCertificate(issuingKey, issuing);
            files.write(root, issuing);
            log.info("embedded CA '{}' initialised in {} (token {}): root sha256 {}, issuing sha256 {}",
                    caName, caDir, rootKey.token(), Pem.sha256(root), Pem.sha256(issuing));
            return new EmbeddedCa(issuingKey, issuing, root, new LeafProfile(signing, clock));
        } catch (ProvisioningException | RuntimeException e) {
            destroyAfterFailure(keys, generated, e);
            throw e;
        }
    }

    /** Opens the CA in {@code caDir}, checking that the token holds the keys of both CA certificates. */
    public static EmbeddedCa open(DeviceKeyStore keys, Path caDir, Clock clock, SecureRandom random)
            throws ProvisioningException {
        List<X509Certificate> chain = new CaFiles(caDir).read();
        X509Certificate issuing = chain.get(0);
        X509Certificate root = chain.get(1);
        KeyHandle issuingKey = requireKey(keys, ISSUING_KEY_ALIAS, "issuing", issuing, caDir.resolve(CaFiles.ISSUING));
        requireKey(keys, ROOT_KEY_ALIAS, "root", root, caDir.resolve(CaFiles.ROOT));
        log.info("embedded CA opened from {} (token {}): issuing CA {}", caDir, issuingKey.token(),
                issuing.getSubjectX500Principal());
        return new EmbeddedCa(issuingKey, issuing, root, new LeafProfile(new CertificateSigning(keys, random), clock));
    }

    /** Whether {@code caDir} holds an embedded CA's certificates (the keys are checked by {@link #open}). */
    public static boolean exists(Path caDir) {
        return new CaFiles(caDir).complete();
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        Objects.requireNonNull(request, "request");
        SubjectPublicKeyInfo deviceKey =
                CertificationRequestVerifier.verifiedPublicKey(request.csrDer(), request.profile().keySpec());
        X509Certificate leaf = leaves.issue(deviceKey, request, issuing, issuingKey);
        log.info("issued certificate {} to unit {} (uid {}), valid until {}", leaf.getSerialNumber().toString(16),
                request.serial(), request.uid(), leaf.getNotAfter().toInstant());
        return new IssuedCertificate(leaf, caChain());
    }

    /** The CA chain: issuing CA first, root last. */
    @Override
    public List<X509Certificate> caChain() {
        return List.of(issuing, root);
    }

    private static KeyHandle requireKey(DeviceKeyStore keys, String alias, String role, X509Certificate certificate,
                                        Path certificateFile) throws ProvisioningException {
        Optional<KeyHandle> key = keys.find(alias);
        if (key.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CA_KEY_MISSING, "the " + role + " CA key '" + alias
                    + "' is not in the token; the CA certificate " + certificateFile + " cannot be used without it");
        }
        if (!Pem.samePublicKey(certificate, key.get().publicKey())) {
            throw new ProvisioningException(ErrorCode.CA_KEY_MISSING, "the token holds a different key under '"
                    + alias + "' than the " + role + " CA certificate " + certificateFile,
                    "token " + key.get().token() + " key id " + key.get().id(), null);
        }
        return key.get();
    }

    private static void destroyAfterFailure(DeviceKeyStore keys, List<KeyHandle> generated, Exception failure) {
        for (KeyHandle key : generated) {
            try {
                keys.destroy(key);
            } catch (ProvisioningException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
