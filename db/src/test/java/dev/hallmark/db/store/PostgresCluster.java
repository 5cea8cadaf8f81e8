package dev.hallmark.db.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL 15 cluster (Debian's package) in a fresh directory: initdb with trust authentication for
 * the user {@code hallmark}, listening on 127.0.0.1 at a free port with its socket in that directory. As root the
 * commands run as the {@code postgres} user, since initdb refuses root. {@link #close()} stops it and deletes it;
 * a shutdown hook does the same if the test JVM ends first.
 */
final class PostgresCluster implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String USER = "hallmark";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path base;
    private final Path data;
    private final int port;
    private final Thread hook;
    private boolean running;

    private PostgresCluster(Path base, int port) {
        this.base = base;
        this.data = base.resolve("data");
        this.port = port;
        this.hook = new Thread(this::close, "postgres-cluster-stop");
    }

    /** Whether Debian's PostgreSQL 15 is installed. */
    static boolean installed() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
    }

    /** Creates the cluster under {@code hallmark.it.dir} (tmpfs by default) and starts it. */
    static PostgresCluster start() throws IOException, InterruptedException {
        Path parent = Path.of(System.getProperty("hallmark.it.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(parent);
        PostgresCluster pg = new PostgresCluster(Files.createTempDirectory(parent, "pg-"), freePort());
        Runtime.getRuntime().addShutdownHook(pg.hook);
        try {
            if (ROOT) {
                pg.run(false, "chown", "postgres:postgres", pg.base.toString());
            }
            pg.run(true, BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-A", "trust", "-U", USER,
                    "-E", "UTF8", "--locale=C", "--no-sync");
            pg.startServer();
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** Starts the server and waits until it accepts connections. */
    void startServer() throws IOException, InterruptedException {
        run(true, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("server.log").toString(),
                "-o", "-k " + base + " -h 127.0.0.1 -p " + port + " -c fsync=off -c max_connections=60",
                "-w", "-t", "30", "start");
        running = true;
    }

    /** Stops the server the way an operator would in a hurry: fast mode, sessions terminated, nothing lost. */
    void stopServer() throws IOException, InterruptedException {
        run(true, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        running = false;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.executeUpdate("create database " + name);
        }
    }

    /** The server's log, for a failure message. */
    String serverLog() {
        try {
            return Files.readString(base.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (running) {
                stopServer();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.warn("stopping the PostgreSQL cluster in {} failed", base, e);
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("deleting the PostgreSQL cluster in {} failed", base, e);
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.debug("the JVM is already shutting down");
            }
        }
    }

    private void run(boolean asPostgres, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asPostgres && ROOT) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Path log = base.resolve("commands.log");
        Process p = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", line) + " did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", line) + " failed with exit code " + p.exitValue() + ":\n"
                    + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
