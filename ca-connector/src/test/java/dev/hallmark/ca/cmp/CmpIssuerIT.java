package dev.hallmark.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CmpIssuer} against OpenSSL 3's real CMP mock server ({@code openssl cmp -port}), each case in its own
 * network namespace (see {@link OpensslCmpMock}).
 */
class CmpIssuerIT {

    @TempDir
    static Path dir;
    static OpensslCmpMock mock;

    @BeforeAll
    static void pki() throws Exception {
        OpensslCmpMock.requireNetworkNamespaces();
        mock = OpensslCmpMock.create(dir);
    }

    private static String secret() {
        return "secret=" + dir.resolve("secret");
    }

    private static void assertIssued(OpensslCmpMock.Result result) throws Exception {
        assertThat(result.issued()).as(result::toString).isTrue();
        List<X509Certificate> certs = result.certificates();
        assertThat(certs).as(result::toString).containsExactly(mock.leaf, mock.intermediate, mock.root);
    }

    @Test
    void p10crWithSharedSecretIssuesTheLeafWithItsChain() throws Exception {
        assertIssued(mock.run(OpensslCmpMock.macServer(""), "type=p10cr", secret()));
    }

    @Test
    void irWithSharedSecretAndDeviceKeyProofOfPossession() throws Exception {
        assertIssued(mock.run(OpensslCmpMock.macServer(""), "type=ir", secret()));
    }

    @Test
    void crWithSharedSecretAndDeviceKeyProofOfPossession() throws Exception {
        assertIssued(mock.run(OpensslCmpMock.macServer(""), "type=cr", secret()));
    }

    @Test
    void irWithRaVerifiedProofOfPossessionWhereTheCaAcceptsIt() throws Exception {
        assertIssued(mock.run(OpensslCmpMock.macServer("-accept_raverified"), "type=ir", "pop=ra", secret()));
    }

    @Test
    void irWithRaVerifiedIsRejectedWhereTheCaDoesNotAcceptIt() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer(""), "type=ir", "pop=ra", secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-402");
    }

    @Test
    void irWithSignatureProtectionBothWays() throws Exception {
        assertIssued(mock.run(OpensslCmpMock.signatureServer(""), "type=ir", "protection=sig"));
    }

    @Test
    void wrongSharedSecret() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer(""), "type=p10cr",
                "secret=" + dir.resolve("wrong-secret"));
        // OpenSSL answers with an error (rejection, badRequest, "wrong pbm value") MAC-protected with its own
        // secret; that protection does not verify with the station's secret, so the station reports 406.
        assertThat(result.code()).as(result::toString).isEqualTo("HM-406");
        assertThat(result.failure()).contains("bad PBM on unverified error").contains("wrong pbm value");
    }

    @Test
    void pollsUntilTheCertificateIsReady() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer("-poll_count 2 -check_after 1"), "type=ir",
                secret());
        assertIssued(result);
        assertThat(result.clientLog().split("sending pollReq", -1)).as(result::toString).hasSize(3);
    }

    @Test
    void givesUpPollingAtTheLimit() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer("-poll_count 3 -check_after 1"),
                "type=p10cr", "polls=1", secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-404");
        assertThat(result.failure()).contains("after 1 polls");
    }

    @Test
    void rejectionWithFailureInfo() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer("-pkistatus 2 -failure 19 -statusstring nope"),
                "type=ir", secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-402");
        assertThat(result.failure()).contains("badCertTemplate").contains("nope");
    }

    @Test
    void rejectionForBadMessageCheckIsAnAuthenticationFailure() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer("-pkistatus 2 -failure 1"), "type=p10cr",
                secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-406");
        assertThat(result.failure()).contains("badMessageCheck");
    }

    @Test
    void errorMessage() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer("-send_error"), "type=ir", secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-402");
        assertThat(result.failure()).contains("error (rejection; failInfo badRequest");
    }

    @Test
    void unprotectedReply() throws Exception {
        OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer("-send_unprotected"), "type=ir", secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-405");
        assertThat(result.failure()).contains("unprotected ip");
    }

    @Test
    void serverNotRunning() throws Exception {
        OpensslCmpMock.Result result = mock.run(null, "type=p10cr", secret());
        assertThat(result.code()).as(result::toString).isEqualTo("HM-401");
    }

    /**
     * Measures sequential issues per second (p10cr and ir, each a full transaction with certConf); no timing is
     * asserted. Runs with {@code -Dhallmark.cmp.bench=true} only, to keep the suite short on a loaded machine.
     */
    @Test
    @EnabledIfSystemProperty(named = "hallmark.cmp.bench", matches = "true")
    void sequentialRate() throws Exception {
        for (String type : List.of("p10cr", "ir")) {
            OpensslCmpMock.Result result = mock.run(OpensslCmpMock.macServer(""), "type=" + type, "count=101", secret());
            assertIssued(result);
            System.out.println("CMP against openssl mock, " + result.rate());
        }
    }
}
