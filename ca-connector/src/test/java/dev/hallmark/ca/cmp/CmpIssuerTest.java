package dev.hallmark.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.CertStatus;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.crmf.CertificateReqMessages;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CmpIssuer}'s flow against an in-process CA: success paths, polling, and every refusal and fault. */
class CmpIssuerTest {

    private static final String SECRET = "s3cret";
    private static KeyPair rootKey;
    private static KeyPair intKey;
    private static KeyPair device;
    private static X509Certificate root;
    private static X509Certificate intermediate;
    private static X509Certificate leaf;
    private static byte[] csr;

    @TempDir
    Path dir;
    private FakeCmpCa ca;
    private final List<Duration> sleeps = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void pki() {
        rootKey = TestPki.ecKey();
        intKey = TestPki.ecKey();
        device = TestPki.ecKey();
        root = TestPki.root(rootKey, "Root");
        intermediate = TestPki.intermediate(intKey, "Issuing", root, rootKey);
        leaf = TestPki.deviceLeaf(device, "HM-1", intermediate, intKey);
        csr = TestPki.csr(device, "HM-1");
    }

    @BeforeEach
    void fakeCa() {
        ca = new FakeCmpCa(SECRET, leaf);
        ca.extraCerts = List.of(intermediate);
        ca.caPubs = List.of(root);
    }

    private CmpIssuer issuer(RequestType type, PopMethod pop, PopSigner popSigner) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        CmpConfig config = CmpConfig.of(URI.create("http://127.0.0.1:1/pkix/"), "CN=fake", type,
                new CmpProtection.Mac(secret, "station-1"), List.of(intermediate, root))
                .withRequest(type, pop)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofSeconds(30));
        SecureRandom random = new SecureRandom();
        return new CmpIssuer(config, popSigner, CmpIssuer.protection(config.protection(), clock, random, FakeCmpCa.BC),
                ca, sleeps::add, clock, random, FakeCmpCa.BC);
    }

    private CmpIssuer p10cr() throws Exception {
        return issuer(RequestType.P10CR, PopMethod.DEVICE_SIGNATURE, null);
    }

    private static ErrorCode codeOf(ThrowingIssue issue) {
        try {
            issue.run();
        } catch (ProvisioningException e) {
            return e.code();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no ProvisioningException");
    }

    private interface ThrowingIssue {
        void run() throws Exception;
    }

    @Test
    void p10crReturnsTheLeafAndOrdersTheChainThenConfirms() throws Exception {
        var issued = p10cr().issue(TestPki.request(csr, "HM-1"));

        assertThat(issued.leaf()).isEqualTo(leaf);
        assertThat(issued.chain()).containsExactly(intermediate, root);
        assertThat(ca.requests).extracting(r -> r.getBody().getType())
                .containsExactly(PKIBody.TYPE_P10_CERT_REQ, PKIBody.TYPE_CERT_CONFIRM);
        ProtectedPKIMessage first = ca.requests.get(0);
        ProtectedPKIMessage confirm = ca.requests.get(1);
        assertThat(ca.requests).allMatch(ca::verifies);
        assertThat(first.getHeader().getSenderKID().getOctets()).isEqualTo("station-1".getBytes());
        assertThat(confirm.getHeader().getTransactionID()).isEqualTo(first.getHeader().getTransactionID());
        assertThat(confirm.getHeader().getSenderNonce()).isNotEqualTo(first.getHeader().getSenderNonce());
        assertThat(confirm.getHeader().getRecipNonce()).isNotNull();
        CertStatus status = CertConfirmContent.getInstance(confirm.getBody().getContent()).toCertStatusArray()[0];
        assertThat(status.getCertReqId().getValue()).isEqualTo(-1);
        assertThat(status.getStatusInfo()).isNull();
    }

    @Test
    void irCarriesTheCsrContentsAndAProofOfPossessionByTheDeviceKey() throws Exception {
        issuer(RequestType.IR, PopMethod.DEVICE_SIGNATURE, r -> TestPki.signer(device.getPrivate()))
                .issue(TestPki.request(csr, "HM-1"));

        ProtectedPKIMessage ir = ca.requests.get(0);
        assertThat(ir.getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REQ);
        CertificateRequestMessage message = CertificateReqMessages.fromPKIBody(ir.getBody()).getRequests()[0];
        assertThat(message.getCertTemplate().getSubject()).isEqualTo(TestPki.deviceSubject("HM-1"));
        assertThat(message.getCertTemplate().getExtensions().getExtension(
                org.bouncycastle.asn1.x509.Extension.subjectAlternativeName)).isNotNull();
        assertThat(message.getProofOfPossessionType()).isEqualTo(CertificateRequestMessage.popSigningKey);
        assertThat(message.isValidSigningKeyPOP(new JcaContentVerifierProviderBuilder().build(device.getPublic())))
                .isTrue();
    }

    @Test
    void irWithRaVerifiedVouchesOnlyForAValidCsr() throws Exception {
        issuer(RequestType.IR, PopMethod.RA_VERIFIED, null).issue(TestPki.request(csr, "HM-1"));
        CertificateRequestMessage message = CertificateReqMessages.fromPKIBody(ca.requests.get(0).getBody())
                .getRequests()[0];
        assertThat(message.getProofOfPossessionType()).isEqualTo(CertificateRequestMessage.popRaVerified);

        byte[] forged = TestPki.csrSignedBy(device, TestPki.ecKey().getPrivate(), "HM-1");
        CmpIssuer issuer = issuer(RequestType.CR, PopMethod.RA_VERIFIED, null);
        assertThat(codeOf(() -> issuer.issue(TestPki.request(forged, "HM-1")))).isEqualTo(ErrorCode.INTERNAL);
        assertThat(ca.requests).hasSize(2);
    }

    @Test
    void irWithDeviceSignatureNeedsAPopSigner() {
        assertThatThrownBy(() -> issuer(RequestType.IR, PopMethod.DEVICE_SIGNATURE, null))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void unprotectedReplyIsAProtocolError() throws Exception {
        ca.unprotected = true;
        CmpIssuer issuer = p10cr();
        assertThat(codeOf(() -> issuer.issue(TestPki.request(csr, "HM-1")))).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void replyWithAnotherSecretIsAnAuthenticationFailure() throws Exception {
        ca.replySecret = "other".toCharArray();
        CmpIssuer issuer = p10cr();
        assertThat(codeOf(() -> issuer.issue(TestPki.request(csr, "HM-1"))))
                .isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
    }

    @Test
    void replyForAnotherTransactionOrNonceIsAProtocolError() throws Exception {
        ca.headerTweak = b -> b.setTransactionID(new byte[16]);
        CmpIssuer issuer = p10cr();
        assertThat(codeOf(() -> issuer.issue(TestPki.request(csr, "HM-1")))).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        ca.headerTweak = b -> b.setRecipNonce(new byte[16]);
        assertThat(codeOf(() -> issuer.issue(TestPki.request(csr, "HM-1")))).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        ca.rawReply = new byte[] {0x30, 0x03, 0x02, 0x01};
        CmpIssuer issuer = p10cr();
        assertThat(codeOf(() -> issuer.issue(TestPki.request(csr, "HM-1")))).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void rejectionsMapByFailureInfo() throws Exception {
        CmpIssuer issuer = p10cr();
        ca.refusal = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText("no"),
                new PKIFailureInfo(PKIFailureInfo.badPOP | PKIFailureInfo.badCertTemplate));
        ProvisioningException rejected = catchIssue(issuer);
        assertThat(rejected.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
        assertThat(rejected.rawDetail()).isEqualTo("cp: rejection; failInfo badPOP,badCertTemplate; \"no\"");

        ca.refusal = new PKIStatusInfo(PKIStatus.rejection, null, new PKIFailureInfo(PKIFailureInfo.badMessageCheck));
        assertThat(catchIssue(issuer).code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
        ca.refusal = new PKIStatusInfo(PKIStatus.rejection, null, new PKIFailureInfo(PKIFailureInfo.notAuthorized));
        assertThat(catchIssue(issuer).code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
        ca.refusal = new PKIStatusInfo(PKIStatus.rejection, null, new PKIFailureInfo(PKIFailureInfo.systemUnavail));
        assertThat(catchIssue(issuer).code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        ca.refusal = new PKIStatusInfo(PKIStatus.revocationWarning);
        assertThat(catchIssue(issuer).code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void errorMessagesMapLikeRejections() throws Exception {
        CmpIssuer issuer = p10cr();
        ca.error = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText("bad"),
                new PKIFailureInfo(PKIFailureInfo.badRequest));
        ProvisioningException e = catchIssue(issuer);
        assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
        assertThat(e.rawDetail()).isEqualTo("error (rejection; failInfo badRequest; \"bad\"; errorCode 7)");
        ca.error = new PKIStatusInfo(PKIStatus.rejection, null, new PKIFailureInfo(PKIFailureInfo.wrongIntegrity));
        assertThat(catchIssue(issuer).code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
    }

    @Test
    void pollsAsToldThenConfirms() throws Exception {
        ca.waitingPolls = 3;
        ca.checkAfter = 4;
        var issued = p10cr().issue(TestPki.request(csr, "HM-1"));

        assertThat(issued.leaf()).isEqualTo(leaf);
        assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(4));
        assertThat(ca.requests).extracting(r -> r.getBody().getType()).containsExactly(PKIBody.TYPE_P10_CERT_REQ,
                PKIBody.TYPE_POLL_REQ, PKIBody.TYPE_POLL_REQ, PKIBody.TYPE_POLL_REQ, PKIBody.TYPE_CERT_CONFIRM);
    }

    @Test
    void pollingIsBoundedByCountAndBudget() throws Exception {
        ca.waitingPolls = 10;
        ca.checkAfter = 1;
        ProvisioningException tooMany = catchIssue(p10cr());
        assertThat(tooMany.code()).isEqualTo(ErrorCode.CA_NO_ANSWER);
        assertThat(tooMany.getMessage()).contains("3 polls");

        ca = new FakeCmpCa(SECRET, leaf);
        ca.waitingPolls = 2;
        ca.checkAfter = 3600;
        sleeps.clear();
        assertThat(catchIssue(p10cr()).code()).isEqualTo(ErrorCode.CA_NO_ANSWER);
        assertThat(sleeps).containsExactly(Duration.ZERO);
    }

    @Test
    void certificateForAnotherKeyIsRejectedInCertConf() throws Exception {
        ca.certificate = TestPki.deviceLeaf(TestPki.ecKey(), "HM-1", intermediate, intKey);
        ProvisioningException e = catchIssue(p10cr());

        assertThat(e.code()).isEqualTo(ErrorCode.CA_CERTIFICATE_INVALID);
        ProtectedPKIMessage conf = ca.requests.get(1);
        CertStatus status = CertConfirmContent.getInstance(conf.getBody().getContent()).toCertStatusArray()[0];
        assertThat(status.getStatusInfo().getStatus().intValue()).isEqualTo(PKIStatus.REJECTION);
    }

    @Test
    void lostConnectionAfterTheCaAnsweredIsNoAnswerNotUnavailable() throws Exception {
        ca.failOnCertConf = new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "refused");
        assertThat(catchIssue(p10cr()).code()).isEqualTo(ErrorCode.CA_NO_ANSWER);
    }

    @Test
    void certConfMustBeAnsweredByPkiConf() throws Exception {
        ca.answerCertConfWithIp = true;
        assertThat(catchIssue(p10cr()).code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void caChainIsTheConfiguredOne() throws Exception {
        assertThat(p10cr().caChain()).containsExactly(intermediate, root);
    }

    private static ProvisioningException catchIssue(CmpIssuer issuer) {
        try {
            issuer.issue(TestPki.request(csr, "HM-1"));
        } catch (ProvisioningException e) {
            return e;
        }
        throw new AssertionError("the issue succeeded");
    }
}
