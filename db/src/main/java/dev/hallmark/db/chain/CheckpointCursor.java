package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One station's checkpoints in seq order. Signatures are checked a batch ahead on the verifier's second thread
 * (one checkpoint per sealed unit makes signature checks a large share of the work), while this thread goes on
 * reading the chain; rows are read from the connection only on this thread.
 */
final class CheckpointCursor implements StationWalk.CheckpointFeed, AutoCloseable {
    private static final int BATCH = 256;
    private static final int FETCH = 1000;
    private final PreparedStatement ps;
    private final ResultSet rs;
    private final CheckpointCheck signatures;
    private final ExecutorService checker;
    private Future<List<SignedCheckpoint>> ahead;
    private List<SignedCheckpoint> batch = List.of();
    private int index;
    private boolean exhausted;

    CheckpointCursor(Connection c, String station, CheckpointCheck signatures, ExecutorService checker)
            throws SQLException {
        this.signatures = signatures;
        this.checker = checker;
        this.ps = c.prepareStatement("select " + Checkpoints.COLUMNS
                + " from audit_checkpoints where station = ? order by seq, id");
        ps.setFetchSize(FETCH);
        ps.setString(1, station);
        this.rs = ps.executeQuery();
        this.ahead = submitNext();
    }

    private Future<List<SignedCheckpoint>> submitNext() throws SQLException {
        if (exhausted) {
            return null;
        }
        List<Checkpoint> read = new ArrayList<>(BATCH);
        while (read.size() < BATCH && rs.next()) {
            read.add(Checkpoints.read(rs));
        }
        exhausted = read.size() < BATCH;
        if (read.isEmpty()) {
            return null;
        }
        return checker.submit(() -> read.stream().map(signatures::check).toList());
    }

    @Override
    public SignedCheckpoint peek() throws SQLException {
        while (index == batch.size()) {
            if (ahead == null) {
                return null;
            }
            batch = await(ahead);
            index = 0;
            ahead = submitNext();
        }
        return batch.get(index);
    }

    @Override
    public SignedCheckpoint next() throws SQLException {
        SignedCheckpoint n = peek();
        if (n != null) {
            index++;
        }
        return n;
    }

    private static List<SignedCheckpoint> await(Future<List<SignedCheckpoint>> f) throws SQLException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while checking checkpoint signatures", "57014", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a checkpoint signature check failed", e.getCause());
        }
    }

    @Override
    public void close() throws SQLException {
        if (ahead != null) {
            ahead.cancel(false);
        }
        try {
            rs.close();
        } finally {
            ps.close();
        }
    }
}
