package dev.hallmark.ca.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File writes that survive a crash: whole files replaced atomically, data and directory entries on disk. */
final class DurableFiles {

    private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {
    }

    /** Replaces {@code target} with {@code content} in one step: a reader sees the old file or the new, never a part. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Puts the directory's entries (a new or renamed file) on disk. Some platforms cannot open a
     * directory for this; there the rename is as durable as the platform makes it, and that is logged.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }
}
