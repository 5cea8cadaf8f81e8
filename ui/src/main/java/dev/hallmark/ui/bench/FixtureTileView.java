package dev.hallmark.ui.bench;

import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** One fixture's tile on the bench screen (FixtureTile.fxml), bound to a {@link FixtureTileViewModel}. */
public final class FixtureTileView extends VBox {

    private static final Map<TileState, String> TILE_CLASS = new EnumMap<>(Map.of(
            TileState.IDLE, "tile-idle", TileState.RUNNING, "tile-running",
            TileState.PASS, "tile-pass", TileState.FAIL, "tile-fail"));
    private static final Map<TileState, String> RESULT_CLASS = new EnumMap<>(Map.of(
            TileState.IDLE, "result-idle", TileState.RUNNING, "result-running",
            TileState.PASS, "result-pass", TileState.FAIL, "result-fail"));

    @FXML
    private Label fixtureLabel;
    @FXML
    private Label elapsedLabel;
    @FXML
    private Label serialLabel;
    @FXML
    private Label previousLabel;
    @FXML
    private Label stepLabel;
    @FXML
    private ProgressBar stepProgress;
    @FXML
    private VBox resultBanner;
    @FXML
    private Label resultLabel;
    @FXML
    private Label detailLabel;

    public FixtureTileView(FixtureTileViewModel model) {
        Fxml.load("FixtureTile.fxml", this);
        setId("tile-" + model.fixtureId());
        setUserData(model.fixtureId());
        fixtureLabel.setText("Fixture " + model.fixtureId());
        elapsedLabel.textProperty().bind(model.elapsedTextProperty());
        serialLabel.textProperty().bind(model.serialTextProperty());
        previousLabel.textProperty().bind(model.previousTextProperty());
        previousLabel.visibleProperty().bind(model.previousTextProperty().isNotEmpty());
        previousLabel.managedProperty().bind(previousLabel.visibleProperty());
        stepLabel.textProperty().bind(model.stepTextProperty());
        stepProgress.progressProperty().bind(model.progressProperty());
        resultLabel.textProperty().bind(model.resultTextProperty());
        detailLabel.textProperty().bind(model.detailTextProperty());
        setAccessibleRole(AccessibleRole.TEXT);
        accessibleTextProperty().bind(model.summaryProperty());
        showState(model.stateProperty().get());
        model.stateProperty().addListener((obs, old, state) -> showState(state));
    }

    private void showState(TileState state) {
        getStyleClass().removeAll(TILE_CLASS.values());
        getStyleClass().add(TILE_CLASS.get(state));
        resultBanner.getStyleClass().removeAll(RESULT_CLASS.values());
        resultBanner.getStyleClass().add(RESULT_CLASS.get(state));
    }
}
