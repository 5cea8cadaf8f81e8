package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.CrlPublisher;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.Revoker;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A certificate authority on the station: root and issuing CA keys live in the station's token and are
 * reached only through {@link DeviceKeyStore}; the CA certificates live as PEM files in the CA directory,
 * beside the CA's records: {@code issued.log} (every certificate issued), {@code revoked.log} (every
 * revocation), {@code crlnumber} and the CRL {@code issuing.crl}. See docs/ca.md.
 *
 * <p>Validity: a device certificate is valid for the {@link LeafValidity} the {@link EmbeddedCaConfig}
 * names for its product profile, else for the profile's own validity, and never beyond the issuing CA.
 * A CA initialised with a configuration in which any profile has {@linkplain LeafValidity#noWellDefinedExpiry()
 * no well-defined expiry} gets notAfter {@code 99991231235959Z} on its root and issuing CA certificates
 * too, as IEEE 802.1AR recommends; a CA initialised otherwise refuses to open with such a configuration,
 * since its chain would end before those certificates.
 *
 * <p>Serials are 16 random bytes (positive, at most 17 octets) and never one this CA used before, also
 * across restarts: each certificate is recorded in {@code issued.log} before it leaves the CA.
 *
 * <p>Safe to share between fixtures: issuing, revoking and CRL signing are serialised per CA directory,
 * also between processes (by a lock on {@code ca.lock}), and each sees what the others recorded.
 */
public final class EmbeddedCa implements CertificateIssuer, Revoker, CrlPublisher {

    /** Token alias (CKA_LABEL) of the root CA key. */
    public static final String ROOT_KEY_ALIAS = "hallmark-root-ca";
    /** Token alias (CKA_LABEL) of the issuing CA key. */
    public static final String ISSUING_KEY_ALIAS = "hallmark-issuing-ca";
    /** Draws of a serial already used, in a row, after which the random source is taken for broken. */
    static final int SERIAL_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedCa.class);

    private final CaFiles files;
    private final KeyHandle issuingKey;
    private final X509Certificate issuing;
    private final X509Certificate root;
    private final EmbeddedCaConfig config;
    private final Clock clock;
    private final CertificateSigning signing;
    private final LeafProfile leaves;
    private final CrlFactory crls;
    private final CaRecords records;

    private EmbeddedCa(CaFiles files, KeyHandle issuingKey, X509Certificate issuing, X509Certificate root,
                       EmbeddedCaConfig config, Clock clock, CertificateSigning signing, CaRecords records) {
        this.files = files;
        this.issuingKey = issuingKey;
        this.issuing = issuing;
        this.root = root;
        this.config = config;
        this.clock = clock;
        this.signing = signing;
        this.leaves = new LeafProfile(signing, clock);
        this.crls = new CrlFactory(signing);
        this.records = records;
    }

    /** {@link #initialize(DeviceKeyStore, Path, String, Clock, SecureRandom, EmbeddedCaConfig)} with the defaults. */
    public static EmbeddedCa initialize(DeviceKeyStore keys, Path caDir, String caName, Clock clock,
                                        SecureRandom random) throws ProvisioningException {
        return initialize(keys, caDir, caName, clock, random, EmbeddedCaConfig.defaults());
    }

    /**
     * Creates a new CA: both keys generated in the token (non-extractable, EC P-256), the root self-signed,
     * the issuing CA signed by the root, the certificates attached in the token and written to {@code caDir}.
     * If {@code config} gives any profile no well-defined expiry, both CA certificates get notAfter
     * {@code 99991231235959Z}; otherwise the root is valid for 20 years and the issuing CA for 10.
     * Refuses to touch an existing CA; on failure removes the keys and files this call made.
     */
    public static EmbeddedCa initialize(DeviceKeyStore keys, Path caDir, String caName, Clock clock,
                                        SecureRandom random, EmbeddedCaConfig config) throws ProvisioningException {
        Objects.requireNonNull(config, "config");
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
        boolean withoutExpiry = !config.profilesWithoutWellDefinedExpiry().isEmpty();
        CaCertificateFactory factory = new CaCertificateFactory(signing, clock, withoutExpiry);
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
            log.info("embedded CA '{}' initialised in {} (token {}): root sha256 {}, issuing sha256 {}, valid until {}",
                    caName, caDir, rootKey.token(), Pem.sha256(root), Pem.sha256(issuing),
                    issuing.getNotAfter().toInstant());
            CaRecords records = new CaRecords(caDir, List.of(issuing, root));
            return new EmbeddedCa(files, issuingKey, issuing, root, config, clock, signing, records);
        } catch (ProvisioningException | RuntimeException e) {
            destroyAfterFailure(keys, generated, e);
            throw e;
        }
    }

    /** {@link #open(DeviceKeyStore, Path, Clock, SecureRandom, EmbeddedCaConfig)} with the defaults. */
    public static EmbeddedCa open(DeviceKeyStore keys, Path caDir, Clock clock, SecureRandom random)
            throws ProvisioningException {
        return open(keys, caDir, clock, random, EmbeddedCaConfig.defaults());
    }

    /**
     * Opens the CA in {@code caDir}, checking that the token holds the keys of both CA certificates, that
     * the CA's records are readable, and that the CA can issue what {@code config} asks: a profile without
     * well-defined expiry needs a CA initialised for one.
     */
    public static EmbeddedCa open(DeviceKeyStore keys, Path caDir, Clock clock, SecureRandom random,
                                  EmbeddedCaConfig config) throws ProvisioningException {
        Objects.requireNonNull(config, "config");
        CaFiles files = new CaFiles(caDir);
        List<X509Certificate> chain = files.read();
        X509Certificate issuing = chain.get(0);
        X509Certificate root = chain.get(1);
        KeyHandle issuingKey = requireKey(keys, ISSUING_KEY_ALIAS, "issuing", issuing, caDir.resolve(CaFiles.ISSUING));
        requireKey(keys, ROOT_KEY_ALIAS, "root", root, caDir.resolve(CaFiles.ROOT));
        Set<String> withoutExpiry = config.profilesWithoutWellDefinedExpiry();
        if (!withoutExpiry.isEmpty() && issuing.getNotAfter().toInstant().isBefore(LeafValidity.NO_WELL_DEFINED_EXPIRY)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the profiles " + withoutExpiry
                    + " ask for certificates without well-defined expiry, but the embedded CA in " + caDir
                    + " is valid only until " + issuing.getNotAfter().toInstant()
                    + "; such certificates need a CA initialised for them (see docs/ca.md)");
        }
        CaRecords records = new CaRecords(caDir, chain).load();
        log.info("embedded CA opened from {} (token {}): issuing CA {}, valid until {}", caDir, issuingKey.token(),
                issuing.getSubjectX500Principal(), issuing.getNotAfter().toInstant());
        return new EmbeddedCa(files, issuingKey, issuing, root, config, clock, new CertificateSigning(keys, random),
                records);
    }

    /** Whether {@code caDir} holds an embedded CA's certificates (the keys are checked by {@link #open}). */
    public static boolean exists(Path caDir) {
        return new CaFiles(caDir).complete();
    }

    /** Issues the device certificate and records it in {@code issued.log} before returning it. */
    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        Objects.requireNonNull(request, "request");
        SubjectPublicKeyInfo deviceKey =
                CertificationRequestVerifier.verifiedPublicKey(request.csrDer(), request.profile().keySpec());
        LeafValidity validity = config.leafValidity(request.profile());
        X509Certificate leaf = records.locked(() -> {
            X509Certificate certificate = leaves.issue(deviceKey, request, validity, freshSerial(), issuing, issuingKey);
            records.issued().record(certificate, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            return certificate;
        });
        log.info("issued certificate {} to unit {} (uid {}), valid until {}", IssuedRecord.serialHex(leaf.getSerialNumber()),
                request.serial(), request.uid(), leaf.getNotAfter().toInstant());
        return new IssuedCertificate(leaf, caChain());
    }

    /** The CA chain: issuing CA first, root last. */
    @Override
    public List<X509Certificate> caChain() {
        return List.of(issuing, root);
    }

    /** The configuration this CA issues with. */
    public EmbeddedCaConfig config() {
        return config;
    }

    /**
     * Records the revocation (serial, time, reason) in {@code revoked.log}; it reaches relying parties with
     * the next {@link #crl()} or {@link #writeCrl()}. Revoking a certificate again is not an error and keeps
     * the first time and reason. A certificate this CA did not issue, or did not record in
     * {@code issued.log}, is refused with {@link ErrorCode#CA_REQUEST_REJECTED}.
     */
    @Override
    public void revoke(X509Certificate certificate, RevocationReason reason) throws ProvisioningException {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(reason, "reason");
        BigInteger serial = certificate.getSerialNumber();
        String described = "the certificate " + IssuedRecord.serialHex(serial)
                + " (" + certificate.getSubjectX500Principal() + ")";
        if (!issuedByIssuingCa(certificate)) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, described
                    + " was not issued by this CA (" + issuing.getSubjectX500Principal() + "); it cannot be revoked here",
                    "issuer " + certificate.getIssuerX500Principal(), null);
        }
        records.locked(() -> {
            boolean recorded = records.issued().find(serial).filter(r -> r.describes(certificate)).isPresent();
            if (!recorded) {
                throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, described + " is not in the CA's "
                        + IssuedCertificateLog.FILE + "; this CA never handed it out",
                        "sha256 " + Pem.sha256(certificate), null);
            }
            Optional<Revocation> earlier = records.revoked().find(serial);
            if (earlier.isPresent()) {
                log.info("{} was already revoked at {} ({}); revoking it again changes nothing", described,
                        earlier.get().revokedAt(), earlier.get().reasonName());
                return null;
            }
            Revocation revocation = new Revocation(clock.instant().truncatedTo(ChronoUnit.SECONDS), serial, reason);
            records.revoked().record(revocation);
            log.info("revoked {} at {}: {}", described, revocation.revokedAt(), reason);
            return null;
        });
    }

    /**
     * Signs a new CRL in the token: every revocation recorded, the next CRL number (persisted before signing,
     * so numbers only grow), thisUpdate now and nextUpdate after the configured CRL validity. Does not
     * publish it; see {@link #writeCrl()}.
     */
    public X509CRL crl() throws ProvisioningException {
        return records.locked(this::signCrl);
    }

    /** Signs a new CRL as {@link #crl()} does and publishes it as {@code issuing.crl} (DER); returns its path. */
    public Path writeCrl() throws ProvisioningException {
        return records.locked(() -> {
            X509CRL crl = signCrl();
            Path path = files.writeCrl(crl);
            log.info("wrote CRL number {} with {} revoked certificates to {}, next update {}",
                    crlNumber(crl), crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
                    path, crl.getNextUpdate().toInstant());
            return path;
        });
    }

    /** {@inheritDoc} Here: {@link #writeCrl()}, and the DER read back from the file it wrote. */
    @Override
    public PublishedCrl publishCrl() throws ProvisioningException {
        Path path = writeCrl();
        try {
            return new PublishedCrl(path.toString(), java.nio.file.Files.readAllBytes(path));
        } catch (java.io.IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the CRL written to " + path
                    + " cannot be read back; check the CA directory", e.getMessage(), e);
        }
    }

    /** Under the records lock. */
    private X509CRL signCrl() throws ProvisioningException {
        BigInteger published = CrlFactory.publishedNumber(files.crl()).orElse(BigInteger.ZERO);
        BigInteger number = records.crlNumber().next(published);
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return crls.sign(issuing, issuingKey, records.revoked().all(), number, thisUpdate, config.crlValidity());
    }

    /** Under the records lock: a random serial this CA has not used, by {@code issued.log} and the CA certificates. */
    private BigInteger freshSerial() throws ProvisioningException {
        for (int attempt = 0; attempt < SERIAL_ATTEMPTS; attempt++) {
            BigInteger serial = signing.newSerial();
            if (!records.issued().used(serial)) {
                return serial;
            }
            log.warn("the random source drew serial {}, which this CA has used already; drawing again",
                    IssuedRecord.serialHex(serial));
        }
        throw new ProvisioningException(ErrorCode.INTERNAL, "the random source drew " + SERIAL_ATTEMPTS
                + " serials in a row that this CA has used already; it is broken, so nothing was issued");
    }

    private boolean issuedByIssuingCa(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuing.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuing.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        return value == null ? "?"
                : ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue().toString();
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
