package dev.hallmark.bench;

import dev.hallmark.ca.cfssl.IssuerBenchmark;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measurement of {@code bench ca}, run inside the private network namespace: sets up each issuer, warms each
 * up with issues that are not counted, then measures every number of threads with every issuer in turn (so a
 * change in the machine's load during the run touches all issuers alike), and stops everything it started.
 */
final class CaBenchRun {

    private static final Logger LOG = LoggerFactory.getLogger(CaBenchRun.class);

    private final CaBenchSettings settings;
    private final Path workspace;
    private final Consumer<String> progress;
    private final Consumer<CaseResult> report;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger serials = new AtomicInteger();

    /** {@code progress} takes lines for people (stderr), {@code report} each case's result as it is measured. */
    CaBenchRun(CaBenchSettings settings, Path workspace, Consumer<String> progress, Consumer<CaseResult> report) {
        this.settings = settings;
        this.workspace = workspace;
        this.progress = progress;
        this.report = report;
    }

    /** Runs every case and returns the results in the order measured. */
    List<CaseResult> run() throws ProvisioningException, InterruptedException {
        Map<IssuerKind, IssuerUnderTest> issuers = new EnumMap<>(IssuerKind.class);
        try {
            for (IssuerKind kind : settings.issuers()) {
                long start = System.nanoTime();
                issuers.put(kind, open(kind));
                progress.accept(String.format(Locale.ROOT, "bench ca: %s issuer ready in %.1f s", kind.label(),
                        (System.nanoTime() - start) / 1e9));
            }
            for (IssuerKind kind : settings.issuers()) {
                warmUp(issuers.get(kind));
            }
            List<CaseResult> results = new ArrayList<>();
            for (int threads : settings.threads()) {
                for (IssuerKind kind : settings.issuers()) {
                    CaseResult result = measure(issuers.get(kind), threads);
                    results.add(result);
                    report.accept(result);
                }
            }
            return results;
        } finally {
            List<IssuerKind> opened = new ArrayList<>(issuers.keySet());
            for (int i = opened.size() - 1; i >= 0; i--) {
                issuers.get(opened.get(i)).close();
            }
        }
    }

    private IssuerUnderTest open(IssuerKind kind) throws ProvisioningException, InterruptedException {
        return switch (kind) {
            case EMBEDDED -> EmbeddedCaSetup.open(workspace,
                    Math.max(Pkcs11Station.DEFAULT_POOL_SIZE, settings.maxThreads() + 1), random, serials);
            case CFSSL -> CfsslSetup.open(workspace, random, serials);
            case CMP -> CmpMockSetup.open(workspace, settings.maxThreads(), random, serials);
        };
    }

    /** {@code warmup} issues with the most threads asked for: JIT, connections, token sessions. Not counted. */
    private void warmUp(IssuerUnderTest issuer) throws InterruptedException {
        if (settings.warmup() == 0) {
            return;
        }
        List<IssueRequest> requests = issuer.requests().next(settings.warmup());
        IssuerBenchmark.Result result = IssuerBenchmark.run(issuer.issuer(), supplier(requests), requests.size(),
                settings.maxThreads());
        LOG.info("{} warm-up: {} of {} issued in {} ms", issuer.kind().label(), result.issued(), result.count(),
                result.elapsed().toMillis());
        if (!result.failures().isEmpty()) {
            progress.accept("bench ca: " + issuer.kind().label() + " warm-up: " + failures(result.failures()));
        }
    }

    private CaseResult measure(IssuerUnderTest issuer, int threads) throws InterruptedException {
        List<IssueRequest> requests = issuer.requests().next(settings.count());
        TimedIssuer timed = new TimedIssuer(issuer.issuer(), requests.size());
        IssuerBenchmark.Result result = IssuerBenchmark.run(timed, supplier(requests), requests.size(), threads);
        Map<String, Integer> failures = new TreeMap<>();
        result.failures().forEach((code, n) -> failures.put(code.id(), n));
        CaseResult measured = CaseResult.of(issuer.kind(), threads, result.count(), timed.latencies(), failures,
                result.elapsed().toNanos());
        LOG.info("measured {}", measured.line());
        if (!failures.isEmpty()) {
            progress.accept("bench ca: " + issuer.kind().label() + " threads=" + threads + ": "
                    + failures(result.failures()) + " (details in the log; --keep keeps it)");
        }
        return measured;
    }

    /** Hands out the prepared requests in order; safe for the benchmark's workers. */
    private static Supplier<IssueRequest> supplier(List<IssueRequest> requests) {
        AtomicInteger next = new AtomicInteger();
        return () -> requests.get(next.getAndIncrement() % requests.size());
    }

    private static String failures(Map<ErrorCode, Integer> failures) {
        StringBuilder text = new StringBuilder();
        failures.forEach((code, n) -> text.append(text.length() == 0 ? "" : ", ").append(n).append(" failed with ")
                .append(code.id()));
        return text.toString();
    }
}
