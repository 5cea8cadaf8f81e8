package dev.hallmark.hsm.keystore;

import static dev.hallmark.hsm.keystore.ItSupport.open;
import static dev.hallmark.hsm.keystore.ItSupport.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentSigningIT {

    private static final int THREADS = 4;
    private static final int SIGNATURES_PER_THREAD = 50;

    @Test
    void fourThreadsSignAtOnceOnPooledSessions() throws Exception {
        try (Pkcs11Station station = open("it-concurrent")) {
            Pkcs11DeviceKeyStore keys = station.keyStore();
            KeyHandle tokenKey = keys.generate(KeySpec.EC_P256, "busy-token", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            KeyHandle sessionKey = keys.generate(KeySpec.EC_P256, "busy-session", KeyPolicy.SESSION_WRAP_ONLY);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    Callable<Integer> work = () -> {
                        start.await();
                        int verified = 0;
                        for (int i = 0; i < SIGNATURES_PER_THREAD; i++) {
                            KeyHandle key = (i + thread) % 2 == 0 ? tokenKey : sessionKey;
                            byte[] data = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                            if (verifies(key.publicKey(), data, keys.sign(key, data))) {
                                verified++;
                            }
                            if (i % 10 == 0) {
                                assertThat(keys.find(key.alias())).isPresent();
                            }
                        }
                        return verified;
                    };
                    results.add(pool.submit(work));
                }
                start.countDown();
                for (Future<Integer> result : results) {
                    assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(SIGNATURES_PER_THREAD);
                }
            } finally {
                pool.shutdownNow();
            }
            keys.destroy(sessionKey);
        }
    }
}
