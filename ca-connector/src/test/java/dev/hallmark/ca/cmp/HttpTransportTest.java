package dev.hallmark.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CMP over HTTP against local servers on 127.0.0.1: replies, HTTP failures, refusal and silence. */
class HttpTransportTest {

    private HttpServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private boolean chunked;

    private URI serve(int status, String contentType, byte[] body, AtomicReference<String> seenType) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pkix/", exchange -> {
            if (seenType != null) {
                seenType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            }
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pkix/");
    }

    private static HttpTransport transport(URI uri, Duration response) {
        return new HttpTransport(uri, Duration.ofSeconds(2), response);
    }

    private static ErrorCode failure(HttpTransport transport) {
        try {
            transport.post(new byte[] {0x30, 0x00});
        } catch (ProvisioningException e) {
            return e.code();
        }
        throw new AssertionError("the post succeeded");
    }

    @Test
    void postsPkixCmpAndReturnsTheReply() throws Exception {
        AtomicReference<String> type = new AtomicReference<>();
        URI uri = serve(200, "application/pkixcmp", new byte[] {1, 2, 3}, type);
        assertThat(transport(uri, Duration.ofSeconds(2)).post(new byte[] {0x30, 0x00})).containsExactly(1, 2, 3);
        assertThat(type.get()).isEqualTo("application/pkixcmp");
    }

    @Test
    void readsAChunkedReply() throws Exception {
        chunked = true;
        byte[] body = new byte[70_000];
        new java.util.Random(1).nextBytes(body);
        URI uri = serve(200, "application/pkixcmp", body, null);
        assertThat(transport(uri, Duration.ofSeconds(2)).post(new byte[] {0x30, 0x00})).isEqualTo(body);
    }

    @Test
    void aCmpReplyWithAnErrorStatusIsStillRead() throws Exception {
        URI uri = serve(400, "application/pkixcmp", new byte[] {9}, null);
        assertThat(transport(uri, Duration.ofSeconds(2)).post(new byte[] {0x30, 0x00})).containsExactly(9);
    }

    @Test
    void gatewayFailuresMeanUnavailableOtherStatusesAProtocolError() throws Exception {
        assertThat(failure(transport(serve(503, "text/plain", "busy".getBytes(), null), Duration.ofSeconds(2))))
                .isEqualTo(ErrorCode.CA_UNAVAILABLE);
        server.stop(0);
        assertThat(failure(transport(serve(404, "text/html", "no".getBytes(), null), Duration.ofSeconds(2))))
                .isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        server.stop(0);
        assertThat(failure(transport(serve(200, "text/html", "<html>".getBytes(), null), Duration.ofSeconds(2))))
                .isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void refusedConnectionMeansUnavailable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThat(failure(transport(URI.create("http://127.0.0.1:" + port + "/pkix/"), Duration.ofSeconds(2))))
                .isEqualTo(ErrorCode.CA_UNAVAILABLE);
    }

    @Test
    void aConnectionClosedWithoutReplyMeansNoAnswer() throws Exception {
        ServerSocket closing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closeables.add(closing);
        Thread acceptor = new Thread(() -> {
            try (Socket s = closing.accept()) {
                s.getInputStream().read(new byte[16]);
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        assertThat(failure(transport(URI.create("http://127.0.0.1:" + closing.getLocalPort() + "/pkix/"),
                Duration.ofSeconds(2)))).isEqualTo(ErrorCode.CA_NO_ANSWER);
    }

    @Test
    void silenceAfterTheRequestMeansNoAnswer() throws Exception {
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closeables.add(silent);
        Thread acceptor = new Thread(() -> {
            try {
                Socket s = silent.accept();
                closeables.add(s);
                s.getInputStream().read(new byte[256]);
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        HttpTransport transport = transport(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/pkix/"),
                Duration.ofMillis(300));
        assertThatThrownBy(() -> transport.post(new byte[] {0x30, 0x00}))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_NO_ANSWER));
    }
}
