package dev.hallmark.ui.admin;

import dev.hallmark.engine.port.PartCheck;
import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.ui.Background;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One part of the station on the admin screen: its settings and the state of its connection test. */
public final class PartViewModel {

    private final StationSettings.Part part;
    private final Background background;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("Not tested");
    private final ReadOnlyObjectWrapper<Boolean> ok = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();

    PartViewModel(StationSettings.Part part, Background background) {
        this.part = part;
        this.background = background;
    }

    public String name() {
        return part.name();
    }

    public List<StationSettings.Setting> settings() {
        return part.settings();
    }

    /** Exercises the real part; the result line replaces the previous one. A test already running is not repeated. */
    public void testConnection() {
        if (testing.get()) {
            return;
        }
        testing.set(true);
        ok.set(null);
        result.set("Testing " + part.name() + "…");
        background.run("test " + part.name(), () -> part.check().run(), r -> {
            testing.set(false);
            ok.set(r.ok());
            result.set((r.ok() ? "OK: " : "FAILED: ") + r.line());
        }, error -> {
            testing.set(false);
            ok.set(false);
            result.set("FAILED: " + error);
        });
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** True after a passing test, false after a failing one, null before or while testing. */
    public ReadOnlyObjectProperty<Boolean> okProperty() {
        return ok.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }
}
