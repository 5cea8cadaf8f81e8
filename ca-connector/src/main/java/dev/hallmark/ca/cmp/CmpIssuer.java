package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.io.IOException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CA reached over CMP (RFC 4210 with the lightweight profile of RFC 9483): one transaction per certificate,
 * ir, cr or p10cr, polling while the CA answers "waiting", then certConf and pkiConf. Thread-safe: fixtures may
 * share one instance.
 */
public final class CmpIssuer implements CertificateIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(CmpIssuer.class);

    private final CmpConfig config;
    private final PopSigner popSigner;
    private final MessageProtection protection;
    private final CmpTransport transport;
    private final Sleeper sleeper;
    private final Clock clock;
    private final SecureRandom random;
    private final Provider provider;
    private final RequestBodies bodies;
    private final GeneralName recipient;

    CmpIssuer(CmpConfig config, PopSigner popSigner, MessageProtection protection, CmpTransport transport,
              Sleeper sleeper, Clock clock, SecureRandom random, Provider provider) throws ProvisioningException {
        this.config = Objects.requireNonNull(config, "config");
        this.popSigner = popSigner;
        this.protection = protection;
        this.transport = transport;
        this.sleeper = sleeper;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.provider = provider;
        this.bodies = new RequestBodies(provider);
        this.recipient = config.recipient().isEmpty() ? PKIHeader.NULL_NAME
                : new GeneralName(new X500Name(config.recipient()));
        if (config.requestType().crmf() && config.popMethod() == PopMethod.DEVICE_SIGNATURE && popSigner == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "a CMP " + config.requestType().cmpName()
                    + " proves possession of the device key with a signature and needs a POP signer; use p10cr "
                    + "or raVerified instead");
        }
    }

    /** An issuer for p10cr, or for ir/cr with raVerified; reads the shared secret file if MAC protection is used. */
    public static CmpIssuer create(CmpConfig config, Clock clock, SecureRandom random) throws ProvisioningException {
        return create(config, null, clock, random);
    }

    /** An issuer whose ir/cr proof of possession is signed through {@code popSigner} (may be null for p10cr). */
    public static CmpIssuer create(CmpConfig config, PopSigner popSigner, Clock clock, SecureRandom random)
            throws ProvisioningException {
        Provider provider = new BouncyCastleProvider();
        return new CmpIssuer(config, popSigner, protection(config.protection(), clock, random, provider),
                new HttpTransport(config.server(), config.connectTimeout(), config.responseTimeout()),
                Sleeper.THREAD, clock, random, provider);
    }

    static MessageProtection protection(CmpProtection protection, Clock clock, SecureRandom random,
                                        Provider provider) throws ProvisioningException {
        if (protection instanceof CmpProtection.Mac mac) {
            return new MacProtection(SharedSecret.read(mac.secretFile()), mac.reference(), random, provider);
        }
        CmpProtection.Signature signature = (CmpProtection.Signature) protection;
        return new SignatureProtection(signature.signer(), signature.responseTrust(), clock, provider);
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        PKCS10CertificationRequest csr = parse(request.csrDer());
        RequestType type = config.requestType();
        CmpTransaction transaction = new CmpTransaction(transport, protection, protection.sender(csr.getSubject()),
                recipient, clock, random);
        LOG.debug("unit {}: CMP {} to {}, transaction {}", request.serial(), type.cmpName(), config.server(),
                transaction.id());
        PKIBody body = type.crmf() ? bodies.crmf(type, csr, proofOfPossession(request, csr)) : bodies.p10cr(csr);
        CertResponseReader.Outcome outcome = CertResponseReader.enrolment(transaction.exchange(body), type);
        CertResponseReader.Issued issued = pollUntilIssued(transaction, outcome, type);
        X509Certificate leaf = certificate(issued.certificate());
        if (!issued.certificate().getSubjectPublicKeyInfo().equals(csr.getSubjectPublicKeyInfo())) {
            rejectCertificate(transaction, issued);
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID, "the CA issued a certificate for "
                    + "another public key than the request's", "serial " + leaf.getSerialNumber().toString(16)
                    + ", transaction " + transaction.id(), null);
        }
        ProtectedPKIMessage confirmation = transaction.exchange(bodies.accept(issued.certificate(),
                issued.certReqId()));
        CertResponseReader.confirmation(confirmation);
        List<X509Certificate> candidates = new ArrayList<>();
        for (X509CertificateHolder holder : issued.sentAlong()) {
            candidates.add(certificate(holder));
        }
        candidates.addAll(config.caChain());
        List<X509Certificate> chain = ChainAssembler.chainFor(leaf, candidates);
        LOG.info("unit {}: CMP {} issued certificate serial {}{} (transaction {})", request.serial(),
                type.cmpName(), leaf.getSerialNumber().toString(16), issued.withMods() ? " with modifications" : "",
                transaction.id());
        return new IssuedCertificate(leaf, chain);
    }

    @Override
    public List<X509Certificate> caChain() {
        return config.caChain();
    }

    private CertResponseReader.Issued pollUntilIssued(CmpTransaction transaction, CertResponseReader.Outcome first,
                                                      RequestType type) throws ProvisioningException {
        Instant deadline = clock.instant().plus(config.pollingBudget());
        CertResponseReader.Outcome outcome = first;
        int polls = 0;
        while (outcome instanceof CertResponseReader.Waiting waiting) {
            if (polls >= config.maxPolls()) {
                throw noAnswer("the CA still works on the request after " + polls + " polls", transaction, waiting);
            }
            if (clock.instant().plus(waiting.checkAfter()).isAfter(deadline)) {
                throw noAnswer("the CA asks to wait " + waiting.checkAfter().toSeconds()
                        + " s more, past the polling budget", transaction, waiting);
            }
            LOG.debug("CMP transaction {}: waiting {} s before poll {}", transaction.id(),
                    waiting.checkAfter().toSeconds(), polls + 1);
            pause(waiting);
            polls++;
            outcome = CertResponseReader.enrolment(transaction.exchange(bodies.pollReq(waiting.certReqId())), type);
        }
        return (CertResponseReader.Issued) outcome;
    }

    private void pause(CertResponseReader.Waiting waiting) throws ProvisioningException {
        try {
            sleeper.sleep(waiting.checkAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "interrupted while polling the CA");
        }
    }

    private ContentSigner proofOfPossession(IssueRequest request, PKCS10CertificationRequest csr)
            throws ProvisioningException {
        if (config.popMethod() == PopMethod.DEVICE_SIGNATURE) {
            return popSigner.signerFor(request);
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(provider)
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate request's signature does not "
                        + "verify; the station does not vouch for it as an RA");
            }
            return null;
        } catch (OperatorCreationException | PKCSException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate request's signature cannot be "
                    + "checked", e.getMessage(), e);
        }
    }

    private void rejectCertificate(CmpTransaction transaction, CertResponseReader.Issued issued) {
        try {
            CertResponseReader.confirmation(transaction.exchange(bodies.reject(issued.certificate(),
                    issued.certReqId(), "the certificate does not carry the requested public key")));
        } catch (ProvisioningException e) {
            LOG.warn("CMP transaction {}: rejecting the certificate was not confirmed: {}", transaction.id(),
                    e.oneLine());
        }
    }

    private static ProvisioningException noAnswer(String message, CmpTransaction transaction,
                                                  CertResponseReader.Waiting waiting) {
        String reason = waiting.reason().isEmpty() ? "" : ", " + waiting.reason();
        return new ProvisioningException(ErrorCode.CA_NO_ANSWER, message, "transaction " + transaction.id()
                + ", certReqId " + waiting.certReqId() + reason, null);
    }

    private static PKCS10CertificationRequest parse(byte[] der) throws ProvisioningException {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate request is not valid PKCS#10",
                    e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws ProvisioningException {
        try {
            return Pem.parseCertificate(holder.getEncoded());
        } catch (IOException | CertificateException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA sent a malformed certificate",
                    e.getMessage(), e);
        }
    }
}
