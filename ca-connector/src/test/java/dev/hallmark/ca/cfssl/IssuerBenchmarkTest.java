package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.testkit.fake.FakeIssuer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The benchmark counts what it was asked to count; the rate itself is never asserted. */
class IssuerBenchmarkTest {

    final FakeIssuer fake = new FakeIssuer(Clock.systemUTC());
    final IssueRequest request = DeviceCsr.request(DeviceCsr.keyPair(), "T-1");

    @Test
    void everyRequestedIssueIsMadeOnceAcrossTheThreads() throws InterruptedException {
        IssuerBenchmark.Result result = IssuerBenchmark.run(fake, () -> request, 25, 4);

        assertThat(result.issued()).isEqualTo(25);
        assertThat(fake.issued()).hasSize(25);
        assertThat(result.failures()).isEmpty();
        assertThat(result.threads()).isEqualTo(4);
        assertThat(result.certificatesPerSecond()).isPositive();
    }

    @Test
    void failuresAreCountedByErrorCode() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        CertificateIssuer everyThirdFails = new CertificateIssuer() {
            @Override
            public IssuedCertificate issue(IssueRequest r) throws ProvisioningException {
                if (calls.incrementAndGet() % 3 == 0) {
                    throw new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "down");
                }
                return fake.issue(r);
            }

            @Override
            public List<X509Certificate> caChain() {
                return fake.caChain();
            }
        };

        IssuerBenchmark.Result result = IssuerBenchmark.run(everyThirdFails, () -> request, 9, 1);

        assertThat(result.issued()).isEqualTo(6);
        assertThat(result.failures()).isEqualTo(Map.of(ErrorCode.CA_UNAVAILABLE, 3));
    }

    @Test
    void nonsenseCountsAreRefused() {
        assertThatThrownBy(() -> IssuerBenchmark.run(fake, () -> request, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IssuerBenchmark.run(fake, () -> request, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
