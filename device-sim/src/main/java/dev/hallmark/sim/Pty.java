package dev.hallmark.sim;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw pseudo-terminal opened with openpty: the simulator reads and writes the master, a client opens the
 * slave path ({@code /dev/pts/N}, or a stable symlink). The slave stays open here too, so the master never
 * reads EIO when a client closes.
 */
public final class Pty implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pty.class);
    private static final PosixLibrary C = PosixLibrary.Bindings.LIBC;

    private final int master;
    private final int slave;
    private final String slavePath;
    private final Optional<Path> link;
    private volatile boolean closed;

    private Pty(int master, int slave, String slavePath, Optional<Path> link) {
        this.master = master;
        this.slave = slave;
        this.slavePath = slavePath;
        this.link = link;
    }

    /** Opens a pseudo-terminal without a symlink. */
    public static Pty open() throws IOException {
        return open(null);
    }

    /** Opens a pseudo-terminal and, if {@code link} is not null, points that symlink at its slave. */
    public static Pty open(Path link) throws IOException {
        int[] master = new int[1];
        int[] slave = new int[1];
        byte[] name = new byte[4096];
        check(PosixLibrary.Bindings.openpty(master, slave, name), "openpty");
        String path = Native.toString(name, StandardCharsets.US_ASCII.name());
        Pty pty = new Pty(master[0], slave[0], path, Optional.ofNullable(link));
        try {
            pty.makeRaw();
            int flags = check(C.fcntl(master[0], PosixLibrary.F_GETFL, 0), "fcntl");
            check(C.fcntl(master[0], PosixLibrary.F_SETFL, flags | PosixLibrary.O_NONBLOCK), "fcntl");
            if (link != null) {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of(path));
            }
        } catch (IOException | RuntimeException e) {
            pty.close();
            throw e;
        }
        log.debug("opened pty {}{}", path, link == null ? "" : " linked from " + link);
        return pty;
    }

    private void makeRaw() throws IOException {
        try (Memory termios = new Memory(PosixLibrary.TERMIOS_SIZE)) {
            termios.clear();
            check(C.tcgetattr(slave, termios), "tcgetattr");
            C.cfmakeraw(termios);
            check(C.tcsetattr(slave, PosixLibrary.TCSANOW, termios), "tcsetattr");
        }
    }

    /** The path a client opens: the symlink if one was asked for, else the slave device. */
    public String path() {
        return link.map(Path::toString).orElse(slavePath);
    }

    /** The slave device, {@code /dev/pts/N}. */
    public String slavePath() {
        return slavePath;
    }

    /**
     * Reads what the client sent, waiting up to {@code timeoutMillis}.
     *
     * @return the number of bytes read, 0 on timeout, -1 once the pty is closed
     */
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        if (closed) {
            return -1;
        }
        if (!poll(PosixLibrary.POLLIN, timeoutMillis)) {
            return 0;
        }
        long n = C.read(master, buffer, new NativeLong(buffer.length)).longValue();
        if (n < 0) {
            return retryable("read");
        }
        return (int) n;
    }

    /**
     * Writes to the client, waiting up to {@code timeoutMillis} for room.
     *
     * @return the number of bytes written (maybe fewer than asked), -1 once the pty is closed
     */
    public int write(byte[] data, int offset, int length, int timeoutMillis) throws IOException {
        if (closed) {
            return -1;
        }
        if (length == 0 || !poll(PosixLibrary.POLLOUT, timeoutMillis)) {
            return 0;
        }
        byte[] chunk = offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
        long n = C.write(master, chunk, new NativeLong(length)).longValue();
        if (n < 0) {
            return retryable("write");
        }
        return (int) n;
    }

    /** Drops every byte in flight in both directions, as a freshly powered board would not have seen them. */
    public void discardPending() throws IOException {
        if (closed) {
            return;
        }
        C.tcflush(slave, PosixLibrary.TCIOFLUSH);
        byte[] sink = new byte[4096];
        while (read(sink, 0) > 0) {
            log.trace("discarded stale bytes on {}", slavePath);
        }
    }

    private boolean poll(short events, int timeoutMillis) throws IOException {
        try (Memory pollfd = new Memory(8)) {
            pollfd.setInt(0, master);
            pollfd.setShort(4, events);
            pollfd.setShort(6, (short) 0);
            int n = C.poll(pollfd, 1, timeoutMillis);
            if (n < 0) {
                retryable("poll");
                return false;
            }
            return n > 0;
        }
    }

    private static int retryable(String call) throws IOException {
        int errno = Native.getLastError();
        if (errno == PosixLibrary.EAGAIN || errno == PosixLibrary.EINTR) {
            return 0;
        }
        throw new IOException(call + " on a pty failed, errno " + errno);
    }

    private static int check(int result, String call) throws IOException {
        if (result < 0) {
            throw new IOException(call + " failed, errno " + Native.getLastError());
        }
        return result;
    }

    /** Closes both ends and removes the symlink; a client still attached then reads end-of-file or EIO. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        C.close(master);
        C.close(slave);
        link.ifPresent(this::removeLink);
        log.debug("closed pty {}", slavePath);
    }

    private void removeLink(Path path) {
        try {
            if (Files.isSymbolicLink(path) && Files.readSymbolicLink(path).toString().equals(slavePath)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            log.warn("could not remove the pty symlink {}: {}", path, e.toString());
        }
    }

    @Override
    public String toString() {
        return "Pty[" + path() + "]";
    }
}
