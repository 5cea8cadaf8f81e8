package dev.hallmark.hsm.swtpm;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.ChildEnvironment;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.TokenInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A software TPM 2.0 standing in for a device's TPM, as a PKCS#11 token: swtpm on two free local ports, a private
 * D-Bus session bus, tpm2-abrmd on that bus (without the resource manager tpm2_ptool runs out of object
 * contexts), and a tpm2-pkcs11 store whose token is made through PKCS#11, all under one directory. {@link #close()} stops everything.
 *
 * <p>tpm2-pkcs11 reads TPM2_PKCS11_TCTI, TPM2_PKCS11_STORE and DBUS_SESSION_BUS_ADDRESS from the environment of
 * the process that loads it, and Java cannot change its own environment: the process using the token gets
 * {@link #environment()} when it starts (the TPM integration tests run in their own failsafe execution whose
 * environment names {@code ${hallmark.it.dir}/tpm}, see {@link #forThisJvm(String)}).
 */
public final class SwtpmToken implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwtpmToken.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final String TCTI = "tabrmd:bus_type=session";

    private final Path dir;
    private final String label;
    private final char[] soPin;
    private final char[] userPin;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private int serverPort;

    private SwtpmToken(Path dir, String label) {
        this.dir = dir.toAbsolutePath().normalize();
        this.label = label;
        this.soPin = throwawayPin();
        this.userPin = throwawayPin();
        this.shutdownHook = new Thread(this::stopProcesses, "swtpm-stop");
    }

    /** The tpm2-pkcs11 module of this machine's architecture. */
    public static Path module() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/usr/lib"), "*-linux-gnu*")) {
            for (Path candidate : dirs) {
                Path module = candidate.resolve("pkcs11/libtpm2_pkcs11.so");
                if (Files.exists(module)) {
                    return module;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of("/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so");
    }

    /**
     * The TPM for this JVM, whose environment (set by failsafe) must already name its directory: TPM2_PKCS11_STORE
     * is {@code DIR/store} and DBUS_SESSION_BUS_ADDRESS {@code unix:path=DIR/dbus.sock}. DIR is wiped first.
     */
    public static SwtpmToken forThisJvm(String label) throws IOException, InterruptedException {
        String store = System.getenv("TPM2_PKCS11_STORE");
        if (store == null) {
            throw new IllegalStateException("TPM2_PKCS11_STORE is not set: the TPM integration tests run in the "
                    + "failsafe execution 'tpm' of hsm/pom.xml, which sets the environment tpm2-pkcs11 reads");
        }
        SwtpmToken token = new SwtpmToken(Path.of(store).getParent(), label);
        Map<String, String> expected = token.environment();
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            if (!entry.getValue().equals(System.getenv(entry.getKey()))) {
                throw new IllegalStateException("this JVM's " + entry.getKey() + " is " + System.getenv(entry.getKey())
                        + ", the TPM fixture needs " + entry.getValue());
            }
        }
        wipe(token.dir);
        token.start();
        try {
            createToken(module(), label, token.soPin, token.userPin);
        } catch (ProvisioningException e) {
            token.close();
            throw new IOException("the TPM token '" + label + "' could not be made: " + e.oneLine(), e);
        }
        return token;
    }

    /**
     * Makes the token {@code label} in the TPM's store through PKCS#11 (C_InitToken, C_InitPIN), so no PIN is
     * ever a process argument. Runs in a JVM started with {@link #environment()}: tpm2-pkcs11 finds its store there.
     */
    public static void createToken(Path module, String label, char[] soPin, char[] userPin)
            throws ProvisioningException {
        if (System.getenv("TPM2_PKCS11_STORE") == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "TPM2_PKCS11_STORE is not set: a TPM token can "
                    + "be made only by a process started with the software TPM's environment");
        }
        SharedModule shared = ModuleRegistry.acquire(module);
        try {
            TokenInitializer.initialize(shared, "TPM token", label, soPin, userPin);
        } finally {
            shared.release();
        }
    }

    /**
     * A TPM in {@code dir} (created if missing, must be empty) with an empty tpm2-pkcs11 store, for a child process
     * started with {@link #environment()}, which makes its token with {@link #createToken}.
     */
    public static SwtpmToken start(Path dir, String label) throws IOException, InterruptedException {
        SwtpmToken token = new SwtpmToken(dir, label);
        token.start();
        return token;
    }

    private void start() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("store"));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        boolean started = false;
        try {
            startSwtpm();
            startBus();
            startResourceManager();
            // swtpm locks the user out after 3 wrong PINs otherwise; the wrong-PIN tests must not lock it
            awaitTool(List.of("tpm2_dictionarylockout", "-s", "-n", "1000", "-t", "0", "-l", "0"));
            run(List.of("tpm2_ptool", "init", "--path", dir.resolve("store").toString()));
            started = true;
            LOG.info("swtpm token '{}' ready in {} (TPM on 127.0.0.1:{})", label, dir, serverPort);
        } finally {
            if (!started) {
                close();
            }
        }
    }

    private void startSwtpm() throws IOException, InterruptedException {
        serverPort = freePortPair();
        int control = serverPort + 1;
        spawn("swtpm", List.of("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + dir.resolve("state"),
                "--server", "type=tcp,port=" + serverPort + ",bindaddr=127.0.0.1",
                "--ctrl", "type=tcp,port=" + control + ",bindaddr=127.0.0.1",
                "--flags", "not-need-init,startup-clear"));
        awaitListening(control);
        awaitListening(serverPort);
    }

    /**
     * Two free consecutive local ports: the swtpm TCTI sends commands to P and power/startup to P+1. They are
     * picked below Linux's ephemeral range (32768 and up), where outgoing connections of a busy machine hold the
     * even ports next to the odd ones bind(0) hands out.
     */
    private static int freePortPair() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + random.nextInt(12000);
            if (bindable(port) && bindable(port + 1)) {
                return port;
            }
        }
        throw new IOException("no two free consecutive local ports for swtpm between 20000 and 32000");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Waits until swtpm accepts connections on {@code port} (it opens its two ports one after the other). */
    private void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                requireAlive("swtpm");
                if (System.nanoTime() > deadline) {
                    throw new IOException("swtpm did not listen on 127.0.0.1:" + port + " in time", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private void startBus() throws IOException, InterruptedException {
        Path socket = dir.resolve("dbus.sock");
        spawn("dbus", List.of("dbus-daemon", "--session", "--nofork", "--nopidfile", "--address=unix:path=" + socket));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            requireAlive("dbus");
            if (System.nanoTime() > deadline) {
                throw new IOException("dbus-daemon did not create " + socket + " in time");
            }
            Thread.sleep(20);
        }
    }

    private void startResourceManager() throws IOException {
        List<String> command = new ArrayList<>(List.of("tpm2-abrmd", "--session",
                "--tcti=swtpm:host=127.0.0.1,port=" + serverPort, "--max-transients=100"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-root");
        }
        spawn("abrmd", command);
    }

    /** Runs a tpm2-tools command until the resource manager answers (it registers on the bus asynchronously). */
    private void awaitTool(List<String> command) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            requireAlive("abrmd");
            Process process = builder(command, "tools").start();
            if (process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && process.exitValue() == 0) {
                return;
            }
            process.destroyForcibly();
            if (System.nanoTime() > deadline) {
                throw new IOException(command.get(0) + " kept failing; see " + log("tools"));
            }
            Thread.sleep(100);
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = builder(command, "tools").start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " " + command.get(1) + " did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command.get(0) + " " + command.get(1) + " failed with exit code "
                    + process.exitValue() + "; see " + log("tools"));
        }
    }

    private void spawn(String name, List<String> command) throws IOException {
        processes.put(name, builder(command, name).start());
    }

    private ProcessBuilder builder(List<String> command, String logName) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(logName).toFile()));
        ChildEnvironment.scrub(builder.environment());
        builder.environment().putAll(environment());
        builder.environment().put("TPM2TOOLS_TCTI", TCTI);
        return builder;
    }

    private Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private void requireAlive(String name) throws IOException {
        Process process = processes.get(name);
        if (process != null && !process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + ": "
                    + Files.readString(log(name), StandardCharsets.UTF_8).strip());
        }
    }

    /** The environment of a process that loads libtpm2_pkcs11.so to use this token. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("dbus.sock"));
        environment.put("TPM2_PKCS11_TCTI", TCTI);
        environment.put("TPM2_PKCS11_STORE", dir.resolve("store").toString());
        environment.put("TSS2_LOG", "all+none");
        return environment;
    }

    /** The token label. */
    public String label() {
        return label;
    }

    /** A copy of the throwaway user PIN. */
    public char[] userPin() {
        return userPin.clone();
    }

    /** Writes the user PIN to an owner-only file in the fixture's directory, as a station's PIN file would be. */
    public Path userPinFile() throws IOException {
        Path file = dir.resolve("user-pin");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, new String(userPin) + "\n", StandardCharsets.UTF_8);
        }
        return file;
    }

    /** The directory holding the TPM state, the bus socket, the store and the logs. */
    public Path dir() {
        return dir;
    }

    /** Stops tpm2-abrmd, the bus and swtpm. */
    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stopProcesses() {
        List<Process> running = new ArrayList<>(processes.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            Process process = running.get(i);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }

    private static char[] throwawayPin() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).toCharArray();
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    public static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
