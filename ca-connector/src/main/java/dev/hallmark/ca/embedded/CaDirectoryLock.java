package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises everything that reads or changes the CA's records: within the JVM by a lock per CA directory,
 * between processes (a station and a {@code hallmark} command on the same directory) by an exclusive lock
 * on {@code ca.lock}. Held for one operation at a time, never while idle.
 */
final class CaDirectoryLock {

    /** An operation run under the lock. */
    interface Action<T> {
        T run() throws ProvisioningException;
    }

    static final String FILE = "ca.lock";

    /** One lock per CA directory, shared by every CA object in this JVM: file locks are per process. */
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path caDir;

    CaDirectoryLock(Path caDir) {
        this.caDir = caDir;
    }

    <T> T run(Action<T> action) throws ProvisioningException {
        Path real;
        try {
            real = caDir.toRealPath();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot find the CA directory " + caDir,
                    e.toString(), e);
        }
        Path lockFile = real.resolve(FILE);
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(real, dir -> new ReentrantLock());
        try {
            inProcess.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "interrupted while waiting for the CA", null, e);
        }
        try {
            if (inProcess.getHoldCount() > 1) {
                return action.run();
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock fileLock = channel.lock();
                try {
                    return action.run();
                } finally {
                    fileLock.release();
                }
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ProvisioningException(ErrorCode.INTERRUPTED, "interrupted while waiting for the CA lock "
                            + lockFile, e.toString(), e);
                }
                throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot lock the CA directory with "
                        + lockFile, e.toString(), e);
            }
        } finally {
            inProcess.unlock();
        }
    }
}
