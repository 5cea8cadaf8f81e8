package dev.hallmark.hsm.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.keystore.KeyTemplates;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SessionPool;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.Slots;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * Measures, in one run, EC P-256 keygen + CSR signature (+ destroy) units per second through
 * {@code Pkcs11DeviceKeyStore} and through a bare wrapper loop issuing the same PKCS#11 calls, for each target and
 * thread count. Store and bare rounds alternate so that drift of the machine hits both alike. A token that bears
 * one user at a time (tpm2-pkcs11) runs one unit at a time in both loops, so more threads only queue there. Not a
 * test: it asserts nothing about time.
 */
public final class HsmBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(HsmBenchmark.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private enum Loop { STORE, BARE }

    /** Units done, wall-clock time, and CPU time of the worker threads (PKCS#11 calls run on them). */
    private record Tally(long units, long nanos, long cpuNanos) {
        Tally plus(Tally other) {
            return new Tally(units + other.units, nanos + other.nanos, cpuNanos + other.cpuNanos);
        }

        double perSecond() {
            return nanos == 0 ? 0 : units * 1e9 / nanos;
        }

        double cpuMicrosPerUnit() {
            return units == 0 ? 0 : cpuNanos / 1e3 / units;
        }
    }

    private HsmBenchmark() {
    }

    /** Runs every target with every thread count of {@code settings}; one result per (target, threads). */
    public static List<BenchResult> run(List<BenchTarget> targets, BenchSettings settings)
            throws ProvisioningException {
        return run(targets, settings, result -> { });
    }

    /** As {@link #run(List, BenchSettings)}, handing each result to {@code onResult} as soon as its case ends. */
    public static List<BenchResult> run(List<BenchTarget> targets, BenchSettings settings,
                                        Consumer<BenchResult> onResult) throws ProvisioningException {
        List<BenchResult> results = new ArrayList<>();
        for (BenchTarget target : targets) {
            for (int threads : settings.threads()) {
                measure(target, Loop.STORE, threads, settings.warmup());
                measure(target, Loop.BARE, threads, settings.warmup());
                Tally store = new Tally(0, 0, 0);
                Tally bare = new Tally(0, 0, 0);
                for (int round = 0; round < settings.rounds(); round++) {
                    Tally storeRound = measure(target, Loop.STORE, threads, settings.round());
                    Tally bareRound = measure(target, Loop.BARE, threads, settings.round());
                    LOG.debug("token={} threads={} round={} store_per_s={} bare_per_s={} store_cpu_us={} bare_cpu_us={}",
                            target.name(), threads, round, Math.round(storeRound.perSecond()),
                            Math.round(bareRound.perSecond()), Math.round(storeRound.cpuMicrosPerUnit()),
                            Math.round(bareRound.cpuMicrosPerUnit()));
                    store = store.plus(storeRound);
                    bare = bare.plus(bareRound);
                }
                BenchResult result = new BenchResult(target.name(), threads, store.perSecond(), bare.perSecond(),
                        store.units(), bare.units(), store.cpuMicrosPerUnit(), bare.cpuMicrosPerUnit());
                LOG.info("{}", result.line());
                results.add(result);
                onResult.accept(result);
            }
        }
        return results;
    }

    /** Runs one loop for {@code duration} of measured time, reopening the token every unitsPerOpen units. */
    private static Tally measure(BenchTarget target, Loop loop, int threads, Duration duration)
            throws ProvisioningException {
        Tally total = new Tally(0, 0, 0);
        long budget = duration.toNanos();
        int chunk = 0;
        while (total.nanos() < budget) {
            long limit = target.unitsPerOpen() == 0 ? Long.MAX_VALUE : target.unitsPerOpen();
            total = total.plus(chunk(target, loop, threads, budget - total.nanos(), limit, chunk++));
        }
        return total;
    }

    /** One open of the token: workers run until the time or the unit limit is used up. */
    private static Tally chunk(BenchTarget target, Loop loop, int threads, long nanos, long limit, int chunk)
            throws ProvisioningException {
        try (Pkcs11Station station = Pkcs11Station.open(target.module(), target.token(), target.pin(),
                Math.max(threads, 2))) {
            SharedModule module = ModuleRegistry.acquire(target.module());
            try {
                Token token = Slots.find(module, target.token()).orElseThrow(
                        () -> Pkcs11Errors.tokenNotFound(target.token(), module.path()));
                List<BenchLoop.Worker> workers = new ArrayList<>();
                boolean oneUser = !KeyTemplates.forToken(token).concurrentSessions();
                Object unitLock = oneUser ? new Object() : null;
                Session shared = oneUser && loop == Loop.BARE ? token.openSession(true) : null;
                try {
                    for (int t = 0; t < threads; t++) {
                        String prefix = "bench-" + loop.name().toLowerCase() + "-" + chunk + "-" + t + "-";
                        workers.add(loop == Loop.STORE
                                ? BenchLoop.store(station.keyStore(), target.policy(), prefix, unitLock)
                                : BenchLoop.bare(token, shared, target.policy(), prefix));
                    }
                    return runWorkers(workers, nanos, limit, target.name());
                } finally {
                    workers.forEach(BenchLoop.Worker::close);
                    if (shared != null) {
                        SessionPool.closeQuietly(shared);
                    }
                }
            } catch (TokenException e) {
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(target.name()), "run the benchmark");
            } finally {
                module.release();
            }
        }
    }

    private static Tally runWorkers(List<BenchLoop.Worker> workers, long nanos, long limit, String name)
            throws ProvisioningException {
        ExecutorService executor = Executors.newFixedThreadPool(workers.size());
        CountDownLatch ready = new CountDownLatch(workers.size());
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong remaining = new AtomicLong(limit);
        AtomicLong cpu = new AtomicLong();
        long[] deadline = new long[1];
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (BenchLoop.Worker worker : workers) {
                counts.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long done = 0;
                    while (System.nanoTime() < deadline[0] && remaining.getAndDecrement() > 0) {
                        worker.unit(done++);
                    }
                    cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                    return done;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            deadline[0] = start + nanos;
            go.countDown();
            long units = 0;
            for (Future<Long> count : counts) {
                units += count.get();
            }
            return new Tally(units, System.nanoTime() - start, cpu.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "The HSM benchmark was interrupted.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProvisioningException p) {
                throw p;
            }
            if (cause instanceof TokenException t) {
                throw Pkcs11Errors.map(t, Pkcs11Errors.token(name), "run the benchmark's bare loop");
            }
            throw new ProvisioningException(ErrorCode.INTERNAL, "The HSM benchmark failed.", String.valueOf(cause),
                    cause);
        } finally {
            executor.shutdownNow();
        }
    }
}
