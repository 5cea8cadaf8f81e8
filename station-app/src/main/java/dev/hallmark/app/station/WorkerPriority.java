package dev.hallmark.app.station;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the station's unit workers at a lower scheduling priority than the window's FX thread, so that on a small
 * machine a pulse of the bench screen never waits behind key generation, signing and database writes.
 *
 * <p>Java thread priorities are ignored on Linux (without root and {@code -XX:ThreadPriorityPolicy}); Linux keeps
 * a nice value per thread, which any process may raise for its own threads ({@code setpriority(PRIO_PROCESS, tid)}).
 * A raised nice value costs the workers nothing when the CPU is free; it only decides who runs first when it is
 * not. Where that call is not available (not Linux), the workers run at the normal priority and this is logged once.
 */
public final class WorkerPriority {

    /** The nice value of unit workers: under contention the FX thread (nice 0) gets about ten times their share. */
    public static final int WORKER_NICE = 10;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPriority.class);
    private static final int PRIO_PROCESS = 0;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private WorkerPriority() {
    }

    /** A factory of daemon threads named {@code name} that lower their own priority before their first task. */
    public static ThreadFactory lowered(String name) {
        return task -> {
            Thread t = new Thread(() -> {
                lowerCurrentThread();
                task.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Lowers the calling thread's priority to {@link #WORKER_NICE}; returns whether it could. */
    public static boolean lowerCurrentThread() {
        try {
            int tid = Libc.INSTANCE.gettid();
            if (Libc.INSTANCE.setpriority(PRIO_PROCESS, tid, WORKER_NICE) == 0) {
                return true;
            }
            warnOnce("setpriority returned an error (errno " + Native.getLastError() + ")");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            warnOnce(e.toString());
        }
        return false;
    }

    /** The calling thread's nice value, or {@code Integer.MIN_VALUE} where it cannot be read (for tests). */
    public static int currentNice() {
        try {
            return Libc.INSTANCE.getpriority(PRIO_PROCESS, Libc.INSTANCE.gettid());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Integer.MIN_VALUE;
        }
    }

    private static void warnOnce(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.info("Unit workers run at normal priority (the window may stutter under load): {}", why);
        }
    }

    /** The three C library calls used (glibc 2.30 or later for gettid). */
    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int gettid();

        int setpriority(int which, int who, int prio);

        int getpriority(int which, int who);
    }
}
