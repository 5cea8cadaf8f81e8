package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Throughput of any {@link CertificateIssuer}: {@code count} issues spread over {@code threads} workers, for
 * {@code hallmark bench} to print side by side. A measurement, never an assertion; the engine's checks of the
 * certificates are not part of it.
 */
public final class IssuerBenchmark {

    private IssuerBenchmark() {
    }

    /**
     * What one run measured.
     *
     * @param failures the failed issues by error code; a run with failures still reports its rate
     */
    public record Result(int count, int threads, int issued, Map<ErrorCode, Integer> failures, Duration elapsed) {
        public Result {
            failures = Map.copyOf(failures);
        }

        /** Certificates issued per second of wall-clock time. */
        public double certificatesPerSecond() {
            return elapsed.isZero() ? 0 : issued * 1_000_000_000.0 / elapsed.toNanos();
        }
    }

    /**
     * Issues {@code count} certificates with {@code threads} workers (1 = sequential). {@code requests} is
     * called from the workers and must be thread-safe; building CSRs there counts in the time, so hand in
     * prepared requests to measure the CA alone. Elapsed time is taken from the monotonic {@link System#nanoTime}.
     */
    public static Result run(CertificateIssuer issuer, Supplier<IssueRequest> requests, int count, int threads)
            throws InterruptedException {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(requests, "requests");
        if (count < 1 || threads < 1) {
            throw new IllegalArgumentException("count and threads must be at least 1");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "issuer-benchmark");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<Tally>> tallies = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tallies.add(workers.submit(() -> {
                    Tally tally = new Tally();
                    while (next.getAndIncrement() < count) {
                        tally.add(issueOnce(issuer, requests));
                    }
                    return tally;
                }));
            }
            Tally total = new Tally();
            for (Future<Tally> tally : tallies) {
                total.merge(join(tally));
            }
            return new Result(count, threads, total.issued, total.failures, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            workers.shutdownNow();
        }
    }

    private static ErrorCode issueOnce(CertificateIssuer issuer, Supplier<IssueRequest> requests) {
        try {
            issuer.issue(requests.get());
            return null;
        } catch (ProvisioningException e) {
            return e.code();
        }
    }

    private static Tally join(Future<Tally> tally) throws InterruptedException {
        try {
            return tally.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark worker failed", e.getCause());
        }
    }

    /** One worker's count. */
    private static final class Tally {
        private int issued;
        private final Map<ErrorCode, Integer> failures = new EnumMap<>(ErrorCode.class);

        void add(ErrorCode failure) {
            if (failure == null) {
                issued++;
            } else {
                failures.merge(failure, 1, Integer::sum);
            }
        }

        void merge(Tally other) {
            issued += other.issued;
            other.failures.forEach((code, n) -> failures.merge(code, n, Integer::sum));
        }
    }
}
