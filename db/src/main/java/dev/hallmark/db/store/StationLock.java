package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a file beside the embedded database. H2 locks its file only against other processes and
 * shares it inside one; this lock also refuses a second {@link AuditDatabase} on the same directory in this JVM.
 */
final class StationLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StationLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private StationLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StationLock acquire(Path file, String location) throws ProvisioningException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                    "the audit database at " + location + " cannot create its lock file " + file,
                    e.getClass().getSimpleName(), e);
        }
        String refusal;
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new StationLock(channel, lock);
            }
            refusal = "is locked by another process";
        } catch (OverlappingFileLockException e) {
            refusal = "is already open in this process";
        } catch (IOException e) {
            closeChannel(channel);
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                    "the audit database at " + location + " cannot lock its lock file " + file,
                    e.getClass().getSimpleName(), e);
        }
        closeChannel(channel);
        throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the audit database at " + location + " "
                + refusal);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("releasing the audit database lock failed", e);
        }
        closeChannel(channel);
    }

    private static void closeChannel(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing the audit database lock file failed", e);
        }
    }
}
