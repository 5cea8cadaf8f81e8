package dev.hallmark.sim;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls a pseudo-terminal needs, bound through JNA (Linux values). */
interface PosixLibrary extends Library {

    int F_GETFL = 3;
    int F_SETFL = 4;
    int O_NONBLOCK = 0x800;
    int TCSANOW = 0;
    int TCIOFLUSH = 2;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    int EINTR = 4;
    int EAGAIN = 11;
    /** Large enough for any struct termios of a Linux ABI. */
    int TERMIOS_SIZE = 256;

    int openpty(int[] master, int[] slave, byte[] name, Pointer termios, Pointer winsize);

    int tcgetattr(int fd, Pointer termios);

    void cfmakeraw(Pointer termios);

    int tcsetattr(int fd, int action, Pointer termios);

    int tcflush(int fd, int queue);

    int fcntl(int fd, int cmd, int arg);

    int poll(Pointer fds, int nfds, int timeoutMillis);

    NativeLong read(int fd, byte[] buffer, NativeLong count);

    NativeLong write(int fd, byte[] buffer, NativeLong count);

    int close(int fd);

    /** Lazily loaded bindings: glibc 2.34+ has openpty in libc, older ones in libutil. */
    final class Bindings {
        static final PosixLibrary LIBC = Native.load("c", PosixLibrary.class);

        private Bindings() {
        }

        static int openpty(int[] master, int[] slave, byte[] name) {
            try {
                return LIBC.openpty(master, slave, name, null, null);
            } catch (UnsatisfiedLinkError notInLibc) {
                return Native.load("util", PosixLibrary.class).openpty(master, slave, name, null, null);
            }
        }
    }
}
