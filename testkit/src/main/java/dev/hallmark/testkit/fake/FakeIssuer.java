package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A software CA for fast engine tests, with the ways a real CA goes wrong: another key in the
 * certificate, a missing SAN, a foreign chain, a refusal. Never a stand-in for a CA an issue names.
 */
public final class FakeIssuer implements CertificateIssuer {

    /** How the next certificates are spoiled. */
    public enum Spoil { NONE, OTHER_KEY, NO_SAN, FOREIGN_CHAIN, WRONG_VALIDITY, REFUSE, UNREACHABLE }

    private final Clock clock;
    private final KeyPair root;
    private final KeyPair issuing;
    private final X509Certificate rootCert;
    private final X509Certificate issuingCert;
    private final AtomicLong serials = new AtomicLong(1);
    private final AtomicLong unreachableFor = new AtomicLong();
    private final List<X509Certificate> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Spoil spoil = Spoil.NONE;

    public FakeIssuer(Clock clock) {
        this.clock = clock;
        try {
            root = ecKeyPair();
            issuing = ecKeyPair();
            rootCert = sign(new X500Name("CN=Fake Root"), new X500Name("CN=Fake Root"), root.getPublic(), root, true, null,
                    Duration.ofDays(7300));
            issuingCert = sign(new X500Name("CN=Fake Root"), new X500Name("CN=Fake Issuing"), issuing.getPublic(), root,
                    true, null, Duration.ofDays(7300));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public void spoil(Spoil how) {
        this.spoil = how;
    }

    /** The next {@code attempts} requests find the CA unreachable, then it answers again. */
    public void unreachableFor(int attempts) {
        unreachableFor.set(attempts);
    }

    /** Certificates issued so far (including spoiled ones). */
    public List<X509Certificate> issued() {
        return List.copyOf(issued);
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        Spoil how = spoil;
        if (how == Spoil.REFUSE) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, "the fake CA refused the request");
        }
        if (how == Spoil.UNREACHABLE || unreachableFor.getAndDecrement() > 0) {
            throw new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "the fake CA cannot be reached");
        }
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request.csrDer());
            PublicKey key = how == Spoil.OTHER_KEY ? ecKeyPair().getPublic()
                    : new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr).getPublicKey();
            String uri = how == Spoil.NO_SAN ? null : request.profile().uidUri(request.uid());
            Duration validity = how == Spoil.WRONG_VALIDITY ? Duration.ofDays(2) : request.profile().validity();
            X509Certificate leaf = sign(new X500Name("CN=Fake Issuing"), csr.getSubject(), key, issuing, false, uri,
                    validity);
            issued.add(leaf);
            if (how == Spoil.FOREIGN_CHAIN) {
                return new IssuedCertificate(new FakeIssuer(clock).sign(new X500Name("CN=Fake Issuing"),
                        csr.getSubject(), key, ecKeyPair(), false, uri, validity), List.of(issuingCert, rootCert));
            }
            return new IssuedCertificate(leaf, List.of(issuingCert, rootCert));
        } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, "the fake CA could not parse the request",
                    e.getMessage(), e);
        }
    }

    @Override
    public List<X509Certificate> caChain() {
        return List.of(issuingCert, rootCert);
    }

    private X509Certificate sign(X500Name issuer, X500Name subject, PublicKey key, KeyPair signer, boolean ca,
                                 String uri, Duration validity) throws GeneralSecurityException,
            org.bouncycastle.operator.OperatorCreationException {
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(serials.getAndIncrement()), Date.from(now.minus(Duration.ofMinutes(1))),
                    Date.from(validity.equals(dev.hallmark.engine.api.ProductProfile.NO_WELL_DEFINED_EXPIRY)
                            ? dev.hallmark.engine.api.ProductProfile.END_OF_TIME : now.plus(validity)), subject, key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                if (uri != null) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
