package dev.hallmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import java.io.PrintStream;

/**
 * One JSON object per finished unit on stdout, for scripts (README, {@code provision --json}): serial, uid, result,
 * failed_step, error_code, cause, cert_sha256, elapsed_ms, fixture, lot. Absent values are null.
 */
final class UnitJsonPrinter implements UnitListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final String lot;

    UnitJsonPrinter(PrintStream out, String lot) {
        this.out = out;
        this.lot = lot;
    }

    @Override
    public void unitFinished(UnitOutcome o) {
        ObjectNode line = JSON.createObjectNode();
        line.put("serial", o.serial());
        line.put("uid", o.uid() == null ? null : o.uid().hex());
        line.put("result", o.result().name());
        line.put("failed_step", o.failedStep() == null ? null : o.failedStep().name());
        line.put("error_code", o.error() == null ? null : o.error().id());
        line.put("cause", o.cause());
        line.put("cert_sha256", o.certificateSha256());
        line.put("elapsed_ms", o.elapsed().toMillis());
        line.put("fixture", o.fixtureId());
        line.put("lot", lot);
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a unit line could not be written as JSON", e);
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
