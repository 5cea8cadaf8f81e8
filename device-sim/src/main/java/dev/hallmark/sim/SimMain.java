package dev.hallmark.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone simulator: {@code SimMain --target stm32f4 --count N [--kek-file F] [--baud B] [--faults SPEC]} prints
 * {@code READY <path>} per device on stdout, then serves until SIGTERM or until stdin closes (stdin on /dev/null is
 * not watched). The KEK file holds 32 raw bytes or 64 hex digits; without it a random KEK is used. {@code --baud}
 * adds realistic wire and programming time ({@link SimTiming#realistic}); {@code --faults} takes a
 * {@link FaultPlan} ({@code rate=0.05,seed=7,kinds=drop+nack}). Usage errors: one line, exit 2.
 */
public final class SimMain {

    static final int USAGE = 2;

    private SimMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = serve(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the simulator on the process's standard streams, as {@code main} does, and returns the exit code. */
    public static int serve(String... args) throws InterruptedException {
        InputStream stdin = stdinIsDevNull() ? null : System.in;
        return run(args, System.out, System.err, stdin, new SecureRandom());
    }

    /** Parsed command line. */
    record Options(String target, SimTargets.Starter starter, int count, Path kekFile, SimTiming timing,
                   FaultPlan faults) {
    }

    /**
     * Runs the simulator until {@code stdin} reaches end-of-file (or forever, until the JVM is stopped, when
     * {@code stdin} is null).
     */
    static int run(String[] args, PrintStream out, PrintStream err, InputStream stdin, SecureRandom rng)
            throws InterruptedException {
        Options options;
        byte[] kek;
        try {
            options = parse(args);
            kek = options.kekFile() == null ? randomKek(rng) : readKek(options.kekFile());
        } catch (IllegalArgumentException | IOException e) {
            err.println("device-sim: " + e.getMessage());
            return USAGE;
        }
        SimTargets.Running bench;
        try {
            bench = options.starter().start(options.count(), kek, rng, options.timing(), options.faults());
        } catch (IOException e) {
            err.println("device-sim: cannot open pseudo-terminals: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("device-sim: " + e.getMessage());
            return USAGE;
        }
        Thread hook = new Thread(bench::close, "device-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (String path : bench.paths()) {
            out.println("READY " + path);
        }
        out.flush();
        waitForEnd(stdin);
        bench.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; closing twice is harmless
        }
        return 0;
    }

    static Options parse(String[] args) {
        String target = null;
        int count = 1;
        Path kekFile = null;
        SimTiming timing = SimTiming.NONE;
        FaultPlan faults = FaultPlan.NONE;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--target" -> target = required(args[i], value);
                case "--count" -> count = count(required(args[i], value));
                case "--kek-file" -> kekFile = Path.of(required(args[i], value));
                case "--baud" -> timing = baud(required(args[i], value));
                case "--faults" -> faults = FaultPlan.parse(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --target " + String.join("|", SimTargets.names())
                        + " --count N [--kek-file F] [--baud B] [--faults rate=R,seed=N,kinds=a+b]");
            }
            i++;
        }
        String supported = String.join(", ", SimTargets.names());
        if (target == null) {
            throw new IllegalArgumentException("--target is required (" + supported + ")");
        }
        String name = target;
        SimTargets.Starter starter = SimTargets.starter(name).orElseThrow(() -> new IllegalArgumentException(
                "unsupported target " + name + "; supported: " + supported));
        return new Options(name, starter, count, kekFile, timing, faults);
    }

    private static SimTiming baud(String value) {
        try {
            int baud = Integer.parseInt(value);
            if (baud >= 1200 && baud <= 4_000_000) {
                return SimTiming.realistic(baud);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--baud must be a line speed from 1200 to 4000000, not " + value);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= 64) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--count must be a number from 1 to 64, not " + value);
    }

    private static byte[] randomKek(SecureRandom rng) {
        byte[] kek = new byte[32];
        rng.nextBytes(kek);
        return kek;
    }

    static byte[] readKek(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length == 32) {
            return raw;
        }
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(text);
        }
        throw new IllegalArgumentException("the KEK file " + file + " must hold 32 raw bytes or 64 hex digits");
    }

    private static void waitForEnd(InputStream stdin) throws InterruptedException {
        if (stdin == null) {
            new CountDownLatch(1).await();
            return;
        }
        byte[] sink = new byte[256];
        try {
            while (stdin.read(sink) >= 0) {
                // input is ignored; end-of-file stops the simulator
            }
        } catch (IOException e) {
            // a broken stdin ends the run like end-of-file
        }
    }

    private static boolean stdinIsDevNull() {
        try {
            Path stdin = Path.of("/proc/self/fd/0");
            return Files.exists(stdin) && Files.isSameFile(stdin, Path.of("/dev/null"));
        } catch (IOException e) {
            return false;
        }
    }
}
