package dev.hallmark.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signature protection: the station's requests carry its certificate; replies must chain to the trust. */
class SignatureProtectionTest {

    private static KeyPair rootKey;
    private static X509Certificate root;
    private static KeyPair serverKey;
    private static X509Certificate serverCert;
    private static KeyPair stationKey;
    private static X509Certificate stationCert;

    @BeforeAll
    static void pki() {
        rootKey = TestPki.ecKey();
        root = TestPki.root(rootKey, "Root");
        serverKey = TestPki.ecKey();
        serverCert = TestPki.protectionCert(serverKey, "CA server", root, rootKey);
        stationKey = TestPki.ecKey();
        stationCert = TestPki.protectionCert(stationKey, "Station", root, rootKey);
    }

    private static SignatureProtection protection(X509Certificate trust) throws ProvisioningException {
        return new SignatureProtection(new SoftwareCmpSigner(stationKey.getPrivate(), stationCert, List.of()),
                List.of(trust), Clock.systemUTC(), FakeCmpCa.BC);
    }

    private static ProtectedPKIMessage reply(KeyPair key, X509Certificate cert) throws Exception {
        return new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=CA server")),
                new GeneralName(new X500Name("CN=Station")))
                .setTransactionID(new byte[16]).setSenderNonce(new byte[16])
                .setBody(new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE))
                .addCMPCertificate(new JcaX509CertificateHolder(cert))
                .build(TestPki.signer(key.getPrivate()));
    }

    @Test
    void requestsAreSignedAndCarryTheStationCertificate() throws Exception {
        SignatureProtection protection = protection(root);
        ProtectedPKIMessage request = protection.protect(new ProtectedPKIMessageBuilder(
                protection.sender(new X500Name("CN=device")), PKIHeader.NULL_NAME)
                .setTransactionID(new byte[16]).setBody(new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE)));

        assertThat(request.getHeader().getSender()).isEqualTo(new GeneralName(new X500Name("CN=Station")));
        assertThat(request.getCertificates()[0]).isEqualTo(new JcaX509CertificateHolder(stationCert));
        assertThat(request.verify(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .build(stationCert))).isTrue();
        assertThat(protection.senderKid()).isNotEmpty();
    }

    @Test
    void acceptsAReplySignedByATrustedCertificate() throws Exception {
        protection(root).verify(reply(serverKey, serverCert));
    }

    @Test
    void refusesAReplyFromOutsideTheTrust() throws Exception {
        KeyPair otherRootKey = TestPki.ecKey();
        X509Certificate otherRoot = TestPki.root(otherRootKey, "Root");
        assertThatThrownBy(() -> protection(otherRoot).verify(reply(serverKey, serverCert)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED));
    }

    @Test
    void refusesAReplySignedByAnotherKeyThanItsCertificate() throws Exception {
        assertThatThrownBy(() -> protection(root).verify(reply(TestPki.ecKey(), serverCert)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED));
    }
}
