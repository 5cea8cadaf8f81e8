package dev.hallmark.app.cli;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints one line per finished unit, for the person at the terminal and for scripts reading stdout. */
final class UnitLinePrinter implements UnitListener {

    private final PrintStream out;

    UnitLinePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void stepWaiting(String fixtureId, String serial, Step step, String reason, Duration retryIn) {
        print(String.format("WAIT  %s  fixture=%s  step=%s  retry_in=%ds  %s", serial, fixtureId, step,
                retryIn.toSeconds(), reason));
    }

    @Override
    public void unitFinished(UnitOutcome o) {
        String seconds = String.format(Locale.ROOT, "%.2fs", o.elapsed().toMillis() / 1000.0);
        String uid = o.uid() == null ? "-" : o.uid().hex();
        String serial = o.serial() == null ? "-" : o.serial();
        String line = o.passed()
                ? String.format("PASS  %s  uid=%s  fixture=%s  cert_sha256=%s  %s", serial, uid, o.fixtureId(),
                        o.certificateSha256(), seconds)
                : String.format("FAIL  %s  uid=%s  fixture=%s  step=%s  %s  %s", serial, uid, o.fixtureId(),
                        o.failedStep(), seconds, o.cause());
        print(line);
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
