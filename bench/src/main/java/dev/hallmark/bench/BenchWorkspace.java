package dev.hallmark.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directory a benchmark run sets everything up in (token, CA files, server configurations,
 * secrets, logs), owner-only, on tmpfs ({@code /dev/shm}) unless told otherwise, and removed afterwards.
 */
final class BenchWorkspace {

    private static final Logger LOG = LoggerFactory.getLogger(BenchWorkspace.class);
    private static final Path TMPFS = Path.of("/dev/shm");

    private BenchWorkspace() {
    }

    /** The directory new workspaces go in: {@code base} if given, else /dev/shm where writable, else java.io.tmpdir. */
    static Path base(Path base) {
        if (base != null) {
            return base.toAbsolutePath().normalize();
        }
        if (Files.isDirectory(TMPFS) && Files.isWritable(TMPFS)) {
            return TMPFS;
        }
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    }

    /** A fresh owner-only directory {@code hallmark-bench-*} under {@link #base(Path)}. */
    static Path create(Path base) throws ProvisioningException {
        Path parent = base(base);
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "hallmark-bench-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the benchmark cannot make its temporary "
                    + "directory in " + parent + "; choose another with --work-dir", e.toString(), e);
        }
    }

    /**
     * Removes {@code dir} (or, with {@code keep}, says where it is) once, whichever of the command and a shutdown
     * hook comes first; the other waits until that is done, so the JVM never halts in the middle of it.
     */
    static Runnable cleanUpOnce(Path dir, boolean keep, Consumer<String> say) {
        return new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (done) {
                    return;
                }
                done = true;
                if (keep) {
                    say.accept("bench: kept " + dir);
                } else {
                    delete(dir);
                }
            }
        };
    }

    /** Removes {@code dir} and everything in it; what cannot be removed is logged and left. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            LOG.warn("the benchmark workspace {} could not be listed for removal: {}", dir, e.toString());
            return;
        }
        for (Path path : all) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("could not remove {} from the benchmark workspace: {}", path, e.toString());
            }
        }
    }
}
