package dev.hallmark.ui.bench;

import dev.hallmark.engine.port.BenchControl;
import dev.hallmark.ui.Background;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The bench's scan field: a barcode scanner types the board label and Enter; the label starts a unit on the next
 * free fixture through {@link BenchControl}. The field is cleared at once so the next scan starts clean; the
 * answer (which fixture, or why not) comes back in one line. No dialog: the operator keeps scanning.
 */
public final class ScanViewModel {

    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper feedbackError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private BenchControl control;
    private Background background;

    /** Lets scans start units on {@code bench}; called once, on the FX thread, before the screen shows. */
    public void attach(BenchControl bench, Background worker) {
        this.control = Objects.requireNonNull(bench, "bench");
        this.background = Objects.requireNonNull(worker, "worker");
        active.set(true);
        feedback.set("Scan a board's label to start it on the next free fixture");
    }

    /** Takes the field's text as one scan (the scanner's Enter); blank scans are ignored. */
    public void submit() {
        String label = text.get() == null ? "" : text.get().strip();
        text.set("");
        if (label.isEmpty() || control == null) {
            return;
        }
        feedbackError.set(false);
        feedback.set("Starting " + label + "…");
        background.run("start a unit for " + label, () -> control.start(label), fixture -> started(label, fixture),
                error -> {
                    feedbackError.set(true);
                    feedback.set(label + " not started: " + error);
                });
    }

    private void started(String label, Optional<String> fixture) {
        if (fixture.isPresent()) {
            feedbackError.set(false);
            feedback.set(label + " started on fixture " + fixture.get());
        } else {
            feedbackError.set(true);
            feedback.set(label + " not started: every fixture is busy; wait for a PASS or FAIL, then scan again");
        }
    }

    /** What the scanner has typed so far. */
    public StringProperty textProperty() {
        return text;
    }

    /** The answer to the last scan, or a prompt. */
    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    /** Whether the last scan was refused. */
    public ReadOnlyBooleanProperty feedbackErrorProperty() {
        return feedbackError.getReadOnlyProperty();
    }

    /** Whether scans can start units (a bench is attached). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }
}
