package dev.hallmark.db.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Writes the generator's {@link RowChunk}s for one group of tables on a connection of its own, one transaction per
 * chunk, on its own thread: the audit chain's tables on one writer and the unit tables on another, so H2 inserts
 * into both at once while the generator makes the next chunk (hashes and signatures included). At most
 * {@value #AHEAD} chunks wait, so memory stays bounded.
 */
final class ChunkWriter implements Callable<Long> {

    private static final int AHEAD = 2;
    private static final RowChunk END = new RowChunk();

    private final DataSource source;
    private final BlockingQueue<RowChunk> queue = new ArrayBlockingQueue<>(AHEAD);

    ChunkWriter(DataSource source) {
        this.source = source;
    }

    /** Hands a chunk over, waiting up to {@code millis} while {@value #AHEAD} wait already; false if it could not. */
    boolean offer(RowChunk chunk, long millis) throws InterruptedException {
        return queue.offer(chunk, millis, TimeUnit.MILLISECONDS);
    }

    /** The chunk that tells the writer no more will come. */
    static RowChunk end() {
        return END;
    }

    /** Writes chunks until {@link #end()}; returns how many it wrote. */
    @Override
    public Long call() throws SQLException, InterruptedException {
        long written = 0;
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            for (RowChunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                chunk.insert(c);
                c.commit();
                written++;
            }
        }
        return written;
    }
}
