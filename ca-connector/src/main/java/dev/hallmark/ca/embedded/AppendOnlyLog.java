package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text file of records, one per line, only ever appended to: each record is written with one write
 * call and forced to disk before {@link #append} returns. A crash mid-append leaves at most a last line
 * without its newline; that torn line was never acknowledged, so {@link #catchUp} cuts it off. Lines
 * starting with {@code #} are comments (the header). Callers hold the CA directory lock for every call.
 */
final class AppendOnlyLog {

    /** Takes one record line; throws {@link IllegalArgumentException} naming what is wrong with it. */
    interface RecordHandler {
        void accept(String record);
    }

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyLog.class);

    private final Path path;
    private final String header;
    private final RecordHandler handler;
    /** Bytes of complete lines handed to the handler so far. */
    private long consumed;
    private long lineNumber;

    AppendOnlyLog(Path path, String header, RecordHandler handler) {
        this.path = Objects.requireNonNull(path, "path");
        this.header = Objects.requireNonNull(header, "header");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    Path path() {
        return path;
    }

    /** Hands every record appended since the last call (by anyone) to the handler. */
    void catchUp() throws ProvisioningException {
        if (!Files.exists(path)) {
            if (consumed > 0) {
                throw damaged("the file has disappeared after " + lineNumber + " lines were read");
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() < consumed) {
                throw damaged("the file is shorter than the " + consumed + " bytes already read; it was cut or replaced");
            }
            channel.position(consumed);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = decode(line.toByteArray(), lineNumber + 1);
                if (!text.startsWith("#") && !text.isBlank()) {
                    try {
                        handler.accept(text);
                    } catch (IllegalArgumentException e) {
                        throw damaged("line " + (lineNumber + 1) + ": " + e.getMessage());
                    }
                }
                lineNumber++;
                consumed += line.size() + 1;
                line.reset();
            }
            if (line.size() > 0) {
                log.warn("{}: dropping an unfinished last line of {} bytes left by an interrupted write",
                        path, line.size());
                channel.truncate(consumed);
                channel.force(true);
            }
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot read the CA record " + path,
                    e.toString(), e);
        }
    }

    /** Appends one record, durably, and reads it back through the handler. */
    void append(String record) throws ProvisioningException {
        append(record, true);
    }

    /**
     * Appends one record and reads it back through the handler; forced to disk before this returns when
     * {@code force}, else by a later {@link #force()}, which the caller awaits before anyone relies on the record.
     */
    void append(String record, boolean force) throws ProvisioningException {
        if (record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a record is one line");
        }
        boolean created = !Files.exists(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long size = channel.size();
            if (size != consumed) {
                throw new ProvisioningException(ErrorCode.INTERNAL, "the CA record " + path + " grew from "
                        + consumed + " to " + size + " bytes without being read; it is written outside the CA lock");
            }
            String text = (size == 0 ? "# " + header + "\n" : "") + record + "\n";
            DurableFiles.writeFully(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            if (force) {
                // fdatasync: the data and the new length, which is all a reader after a crash needs
                channel.force(false);
            }
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot write the CA record " + path,
                    e.toString(), e);
        }
        if (created) {
            DurableFiles.syncDirectory(path.toAbsolutePath().getParent());
        }
        catchUp();
    }

    /** Forces every record written so far to the disk (fdatasync); needs no lock, an fsync covers every writer. */
    void force() throws ProvisioningException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot force the CA record " + path
                    + " to the disk", e.toString(), e);
        }
    }

    /** Hands every record from the start of the file to {@code reader}, without changing what was consumed. */
    void scan(RecordHandler reader) throws ProvisioningException {
        if (!Files.exists(path)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long read = 0;
            long number = 0;
            for (int b = in.read(); b != -1 && read < consumed; b = in.read()) {
                read++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                number++;
                String text = decode(line.toByteArray(), number);
                line.reset();
                if (!text.startsWith("#") && !text.isBlank()) {
                    try {
                        reader.accept(text);
                    } catch (IllegalArgumentException e) {
                        throw damaged("line " + number + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot read the CA record " + path,
                    e.toString(), e);
        }
    }

    private String decode(byte[] bytes, long number) throws ProvisioningException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw damaged("line " + number + " is not UTF-8 text");
        }
    }

    private ProvisioningException damaged(String what) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA record " + path + " is damaged: " + what
                + "; restore it from a backup");
    }
}
