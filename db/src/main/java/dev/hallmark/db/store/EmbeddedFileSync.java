package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The fsync of the embedded H2 database's file. H2 writes each commit to the file ({@code WRITE_DELAY=0}), so a
 * killed process loses nothing, but it does not force the file to the disk; a durability point does, through a
 * channel of its own on the same file (an fsync flushes the file, whoever wrote it).
 */
final class EmbeddedFileSync implements AutoCloseable {

    private final Path file;
    private FileChannel channel;

    EmbeddedFileSync(Path file) {
        this.file = file;
    }

    /** Forces what was written to the file so far to the disk. */
    synchronized void force() throws ProvisioningException {
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            channel.force(false);
        } catch (IOException e) {
            closeQuietly();
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the audit database file " + file
                    + " could not be forced to the disk", e.toString(), e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was pending on a read-only channel
            }
            channel = null;
        }
    }
}
