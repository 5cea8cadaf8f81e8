package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.ca.cfssl.IssuerBenchmark;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IssuerPoolTest {

    /** Counts how many callers are inside it at once; refuses every third request. */
    private static final class OneAtATime implements CertificateIssuer {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
            int now = inside.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
                if (calls.incrementAndGet() % 3 == 0) {
                    throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, "refused");
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisioningException(ErrorCode.INTERRUPTED, "interrupted");
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public List<X509Certificate> caChain() {
            return List.of();
        }
    }

    @Test
    void eachMemberServesOneIssueAtATimeAndTheTimedIssuerRecordsOnlySuccesses() throws Exception {
        List<OneAtATime> members = List.of(new OneAtATime(), new OneAtATime());
        TimedIssuer timed = new TimedIssuer(new IssuerPool(members), 60);
        IssueRequest request = UnitRequests.freshKeys(DemoProfile.STM32F4, new SecureRandom(), new AtomicInteger())
                .next();

        IssuerBenchmark.Result result = IssuerBenchmark.run(timed, () -> request, 60, 4);

        assertThat(members).allSatisfy(m -> assertThat(m.mostAtOnce.get()).isEqualTo(1));
        assertThat(members.stream().mapToInt(m -> m.calls.get()).sum()).isEqualTo(60);
        assertThat(timed.latencies()).hasSize(result.issued());
        assertThat(java.util.Arrays.stream(timed.latencies()).min().orElseThrow()).isPositive();
        assertThat(result.issued() + result.failures().getOrDefault(ErrorCode.CA_REQUEST_REJECTED, 0)).isEqualTo(60);
    }
}
