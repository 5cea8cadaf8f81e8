package dev.hallmark.app.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPriorityTest {

    @Test
    void workerThreadsRunNicerThanTheCallerAndTheCallerStaysAsItWas() throws Exception {
        int callerNice = WorkerPriority.currentNice();
        ExecutorService workers = Executors.newSingleThreadExecutor(WorkerPriority.lowered("test-worker"));
        try {
            CompletableFuture<Integer> seen = CompletableFuture.supplyAsync(WorkerPriority::currentNice, workers);
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), workers);
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(WorkerPriority.WORKER_NICE);
            assertThat(name.get(10, TimeUnit.SECONDS)).isEqualTo("test-worker");
        } finally {
            workers.shutdownNow();
        }
        assertThat(WorkerPriority.currentNice()).isEqualTo(callerNice);
    }
}
