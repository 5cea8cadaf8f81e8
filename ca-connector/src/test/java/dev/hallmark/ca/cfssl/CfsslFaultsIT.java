package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.testkit.fake.FakeIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the issuer reports a CA that is down, stalls, breaks off or answers nonsense, from servers on 127.0.0.1. */
class CfsslFaultsIT {

    static final Duration CONNECT = Duration.ofSeconds(1);
    static final Duration REQUEST = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    Path chain;
    Path key;
    final List<AutoCloseable> servers = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void files() throws IOException {
        chain = Files.writeString(dir.resolve("chain.pem"), Pem.certificates(new FakeIssuer(Clock.systemUTC()).caChain()));
        key = Files.writeString(dir.resolve("cfssl.key"), HmacKeyTest.HEX);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stopServers() throws Exception {
        release.countDown();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    ProvisioningException issueAgainst(URI baseUrl) throws ProvisioningException {
        CfsslIssuer issuer = CfsslIssuer.open(new CfsslConfig(baseUrl, "device", key, null, CONNECT, REQUEST, chain),
                Clock.systemUTC());
        return catchThrowableOfType(ProvisioningException.class,
                () -> issuer.issue(DeviceCsr.request(DeviceCsr.keyPair(), "T-1")));
    }

    URI httpServer(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        servers.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A server that reads the request, then does {@code what} with the socket instead of answering. */
    URI rawServer(SocketAction what) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        servers.add(socket);
        Thread acceptor = new Thread(() -> {
            try (Socket client = socket.accept()) {
                readHeaders(client.getInputStream());
                what.act(client);
            } catch (IOException | InterruptedException closed) {
                // the test is over
            }
        }, "fault-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    @Test
    void nothingListeningIsUnavailable() throws Exception {
        URI down = URI.create("http://127.0.0.1:" + CfsslServer.freePort());

        ProvisioningException e = issueAgainst(down);

        assertThat(e.code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("the cfssl CA at " + down + " could not be reached");
    }

    @Test
    void aServerThatTakesTheRequestAndNeverAnswersIsNoAnswerWithinTheTimeout() throws Exception {
        URI stalled = rawServer(client -> release.await());

        long start = System.nanoTime();
        ProvisioningException e = issueAgainst(stalled);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.code()).isEqualTo(ErrorCode.CA_NO_ANSWER);
        assertThat(e.getMessage()).isEqualTo("the cfssl CA at " + stalled + " took the request but did not answer within 1 s");
        assertThat(took).isBetween(REQUEST.minusMillis(100), REQUEST.plusSeconds(2));
    }

    @Test
    void aServerThatSendsHeadersAndStallsTheBodyIsNoAnswerToo() throws Exception {
        URI stalled = httpServer(exchange -> {
            exchange.sendResponseHeaders(200, 10_000);
            exchange.getResponseBody().write("{\"success\":".getBytes(StandardCharsets.US_ASCII));
            exchange.getResponseBody().flush();
            await(release);
        });

        long start = System.nanoTime();
        ProvisioningException e = issueAgainst(stalled);

        assertThat(e.code()).isEqualTo(ErrorCode.CA_NO_ANSWER);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST.plusSeconds(2));
    }

    @Test
    void aConnectionClosedAfterTheRequestIsNoAnswerBecauseCfsslMayHaveSigned() throws Exception {
        URI breaking = rawServer(Socket::close);

        ProvisioningException e = issueAgainst(breaking);

        assertThat(e.code()).isEqualTo(ErrorCode.CA_NO_ANSWER);
        assertThat(e.getMessage()).contains(breaking.toString(), "may have issued");
    }

    @Test
    void aGarbageBodyIsAProtocolError() throws Exception {
        URI garbage = httpServer(exchange -> respond(exchange, 200, "\u0000\u00ffnot json at all"));

        ProvisioningException e = issueAgainst(garbage);

        assertThat(e.code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        assertThat(e.getMessage()).isEqualTo("the cfssl CA at " + garbage + " answered with a body that is not cfssl's JSON");
    }

    @Test
    void anHttp500IsUnavailable() throws Exception {
        URI failing = httpServer(exchange -> respond(exchange, 500, "internal error"));

        ProvisioningException e = issueAgainst(failing);

        assertThat(e.code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("the cfssl CA at " + failing + " failed with a server error");
        assertThat(e.rawDetail()).isEqualTo("HTTP 500, internal error");
    }

    @Test
    void theRequestGoesToAuthsignAsJson() throws Exception {
        List<String> seen = new ArrayList<>();
        URI recording = httpServer(exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            respond(exchange, 500, "");
        });

        issueAgainst(recording);

        assertThat(seen).containsExactly("POST /api/v1/cfssl/authsign application/json");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads up to the blank line that ends the request headers (the body may or may not have arrived). */
    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    /** What a raw fault server does once it has the request. */
    @FunctionalInterface
    interface SocketAction {
        void act(Socket client) throws IOException, InterruptedException;
    }
}
