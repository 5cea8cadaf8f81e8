package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.operator.MacCalculator;

/**
 * Password-based MAC protection (RFC 4210 5.1.3.1): requests use SHA-256 as the one-way function, HMAC-SHA256
 * and {@value #ITERATIONS} iterations with a fresh 16-byte salt; replies are verified with the same secret,
 * whatever PBM parameters they name (OpenSSL's mock uses HMAC-SHA1 and 500 iterations), up to
 * {@value #MAX_ITERATIONS} iterations.
 */
final class MacProtection implements MessageProtection {

    static final int ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;

    private final SharedSecret secret;
    private final byte[] reference;
    private final SecureRandom random;
    private final Provider provider;

    MacProtection(SharedSecret secret, String reference, SecureRandom random, Provider provider) {
        this.secret = secret;
        this.reference = reference.getBytes(StandardCharsets.UTF_8);
        this.random = random;
        this.provider = provider;
    }

    @Override
    public GeneralName sender(X500Name subject) {
        return new GeneralName(subject);
    }

    @Override
    public byte[] senderKid() {
        return reference.clone();
    }

    @Override
    public ProtectedPKIMessage protect(ProtectedPKIMessageBuilder builder) throws ProvisioningException {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        PBMParameter parameters = new PBMParameter(salt, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                ITERATIONS, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256));
        char[] password = secret.chars();
        try {
            MacCalculator mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(provider))
                    .setParameters(parameters).build(password);
            return builder.build(mac);
        } catch (CRMFException | CMPException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the CMP request could not be MAC-protected",
                    e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public void verify(ProtectedPKIMessage reply) throws ProvisioningException {
        if (!reply.hasPasswordBasedMacProtection()) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA signed its reply but the station "
                    + "uses a shared secret", "protectionAlg " + reply.getProtectionAlgorithm().getAlgorithm()
                    + ", " + CmpFailures.describe(reply.getBody()), null);
        }
        char[] password = secret.chars();
        try {
            PKMACBuilder verifier = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(provider),
                    MAX_ITERATIONS);
            if (!reply.verify(verifier, password)) {
                throw new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED, "the CA's reply does not "
                        + "verify with the station's shared secret", "bad PBM on unverified "
                        + CmpFailures.describe(reply.getBody()), null);
            }
        } catch (CMPException | IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA's reply has a PBM protection the "
                    + "station cannot check", e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
