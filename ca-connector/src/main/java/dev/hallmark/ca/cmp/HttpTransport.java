package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * CMP over HTTP (RFC 6712): one POST with content type {@code application/pkixcmp} per connection,
 * {@code Connection: close}. A connection per message keeps the two failures apart that matter to the station:
 * a connection that cannot be made means the CA was not reached ({@code CA_UNAVAILABLE}, nothing delivered);
 * anything that goes wrong after the request was written means it may have been delivered ({@code CA_NO_ANSWER}).
 * Pooled keep-alive connections would blur that: OpenSSL's mock announces keep-alive and then closes the
 * connection at the end of each transaction, and a request written into such a stale connection fails
 * with nothing received. A reply with content type {@code application/pkixcmp} is handed on whatever its HTTP
 * status (servers send CMP error messages with 4xx/5xx); otherwise 502, 503 and 504 mean the CA is not
 * available, and any other status is out of protocol. https uses the JVM's default trust and checks the host name.
 */
final class HttpTransport implements CmpTransport {

    static final String CONTENT_TYPE = "application/pkixcmp";
    /** Replies are small (a certificate or three); anything larger is refused. */
    static final int MAX_REPLY_BYTES = 1 << 20;

    private final URI server;
    private final boolean tls;
    private final int connectMillis;
    private final Duration responseTimeout;

    HttpTransport(URI server, Duration connectTimeout, Duration responseTimeout) {
        this.server = server;
        this.tls = "https".equalsIgnoreCase(server.getScheme());
        this.connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.responseTimeout = responseTimeout;
    }

    @Override
    public byte[] post(byte[] request) throws ProvisioningException {
        Socket socket = connect();
        long deadline = System.nanoTime() + responseTimeout.toNanos();
        HttpReply reply;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head(request.length));
            out.write(request);
            out.flush();
            reply = HttpReply.read(new BufferedInputStream(new DeadlineStream(socket, deadline)), MAX_REPLY_BYTES);
        } catch (SocketTimeoutException e) {
            throw new ProvisioningException(ErrorCode.CA_NO_ANSWER, "the CA did not answer within "
                    + responseTimeout.toMillis() / 1000.0 + " s", server.toString(), e);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CA_NO_ANSWER, "the exchange with the CA broke off before "
                    + "it answered", server + ": " + e, e);
        } finally {
            close(socket);
        }
        return body(reply);
    }

    private Socket connect() throws ProvisioningException {
        int port = server.getPort() >= 0 ? server.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(server.getHost(), port), connectMillis);
            socket.setTcpNoDelay(true);
            if (!tls) {
                return socket;
            }
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, server.getHost(), port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(connectMillis);
            ssl.startHandshake();
            return ssl;
        } catch (SocketTimeoutException e) {
            close(socket);
            throw unavailable("the CA did not accept a connection in time", e);
        } catch (UnknownHostException e) {
            close(socket);
            throw unavailable("the CA's host name does not resolve", e);
        } catch (IOException e) {
            close(socket);
            throw unavailable("the CA cannot be reached", e);
        }
    }

    private byte[] head(int length) {
        String path = server.getRawPath() == null || server.getRawPath().isEmpty() ? "/" : server.getRawPath();
        if (server.getRawQuery() != null) {
            path += "?" + server.getRawQuery();
        }
        String host = server.getPort() >= 0 ? server.getHost() + ":" + server.getPort() : server.getHost();
        return ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + CONTENT_TYPE
                + "\r\nAccept: " + CONTENT_TYPE + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] body(HttpReply reply) throws ProvisioningException {
        if (reply.contentType().startsWith(CONTENT_TYPE) && reply.body().length > 0) {
            return reply.body();
        }
        int status = reply.status();
        String raw = "HTTP " + status + (reply.contentType().isEmpty() ? "" : ", " + reply.contentType());
        if (status == 502 || status == 503 || status == 504) {
            throw new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "the CA is not available", raw, null);
        }
        throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the CA did not answer with a CMP message",
                raw, null);
    }

    private ProvisioningException unavailable(String message, IOException e) {
        return new ProvisioningException(ErrorCode.CA_UNAVAILABLE, message, server + ": " + e, e);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the exchange is over either way
        }
    }

    /** Reads from the socket until an absolute deadline: each read waits at most for the time left. */
    private static final class DeadlineStream extends FilterInputStream {
        private final Socket socket;
        private final long deadline;

        DeadlineStream(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }

        private void arm() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("reply deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }
    }
}
