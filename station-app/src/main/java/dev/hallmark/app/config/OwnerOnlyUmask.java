package dev.hallmark.app.config;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Everything the station writes is its owner's alone: the process umask is set to 077 before the first file is
 * made (the database, the log, reports, exports, the token directory, and what swtpm, dbus and child JVMs create
 * inherit it), and the data directory's root is made 0700 where it was left open. The {@code ./hallmark} launcher
 * sets the same umask before it starts Java; this covers a JVM started another way.
 */
public final class OwnerOnlyUmask {

    /** The mask: no group or other bits on anything created. */
    public static final int MASK = 0077;
    private static final String JNA_PLATFORM_PATH = "jna.platform.library.path";
    private static final String PLATFORM_PATH = "/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:"
            + "/usr/lib/aarch64-linux-gnu:/lib/aarch64-linux-gnu:/usr/lib64:/lib64:/usr/lib:/lib";
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** The C library's umask(2). */
    private interface CLibrary extends Library {
        int umask(int mask);
    }

    private OwnerOnlyUmask() {
    }

    /** Sets the process umask to 077; returns the mask it replaced, or -1 where the C library cannot be reached. */
    public static int apply() {
        // JNA finds its platform library path by running ldconfig -p once per JVM, a child process that would
        // inherit this process's environment (any PIN or password in it); naming the path skips that, and the
        // system's dynamic linker finds libc without it
        if (System.getProperty(JNA_PLATFORM_PATH) == null) {
            System.setProperty(JNA_PLATFORM_PATH, PLATFORM_PATH);
        }
        try {
            return Native.load(Platform.C_LIBRARY_NAME, CLibrary.class).umask(MASK);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no libc through JNA (not Linux): the explicit permissions below and in DataDir still hold
            return -1;
        }
    }

    /** Makes the directory 0700 if it exists and is open to others (the data directory a test or an admin made). */
    public static void closeDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir) && Files.getFileStore(dir).supportsFileAttributeView("posix")
                && !Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }
}
