package dev.hallmark.ca.cmp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.x reply read from a connection the station closes after it: status line, headers, and a body framed
 * by Content-Length, chunked transfer coding, or the end of the connection; at most {@code maxBody} bytes.
 */
record HttpReply(int status, String contentType, byte[] body) {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    static HttpReply read(InputStream in, int maxBody) throws IOException {
        int status;
        Headers headers;
        do {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new ProtocolException("not an HTTP/1.x status line: " + abbreviate(statusLine));
            }
            status = parseInt(parts[1]);
            headers = Headers.read(in);
        } while (status >= 100 && status < 200);
        byte[] body;
        if (headers.chunked) {
            body = chunked(in, maxBody);
        } else if (headers.contentLength >= 0) {
            if (headers.contentLength > maxBody) {
                throw new ProtocolException("reply body of " + headers.contentLength + " bytes is too large");
            }
            body = in.readNBytes((int) headers.contentLength);
            if (body.length < headers.contentLength) {
                throw new EOFException("reply body ended after " + body.length + " of " + headers.contentLength);
            }
        } else {
            body = in.readNBytes(maxBody + 1);
            if (body.length > maxBody) {
                throw new ProtocolException("reply body is too large");
            }
        }
        return new HttpReply(status, headers.contentType, body);
    }

    private static byte[] chunked(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + abbreviate(sizeLine));
            }
            if (size == 0) {
                Headers.read(in);
                return out.toByteArray();
            }
            if (size < 0 || out.size() + size > maxBody) {
                throw new ProtocolException("reply body is too large");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("chunk ended early");
            }
            out.write(chunk);
            if (!line(in).isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    /** A line without its CRLF (a bare LF is accepted), ISO-8859-1. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException(line.size() == 0 ? "connection closed without a reply" : "reply cut off");
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("reply line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static int parseInt(String value) throws ProtocolException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad HTTP status: " + abbreviate(value));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** The header fields the station uses. */
    private static final class Headers {
        String contentType = "";
        long contentLength = -1;
        boolean chunked;

        static Headers read(InputStream in) throws IOException {
            Headers headers = new Headers();
            for (int count = 0; ; count++) {
                String field = line(in);
                if (field.isEmpty()) {
                    return headers;
                }
                if (count >= MAX_HEADERS) {
                    throw new ProtocolException("too many reply header fields");
                }
                int colon = field.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("bad reply header field: " + abbreviate(field));
                }
                String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = field.substring(colon + 1).trim();
                switch (name) {
                    case "content-type" -> headers.contentType = value.toLowerCase(Locale.ROOT);
                    case "content-length" -> {
                        try {
                            headers.contentLength = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new ProtocolException("bad Content-Length: " + abbreviate(value));
                        }
                    }
                    case "transfer-encoding" -> headers.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    default -> {
                    }
                }
            }
        }
    }
}
