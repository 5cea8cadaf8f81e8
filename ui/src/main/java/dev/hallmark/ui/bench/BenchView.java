package dev.hallmark.ui.bench;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.stage.Window;
import javafx.util.Duration;

/** The operator's bench screen (Bench.fxml): lot header, fixture tiles and status line, bound to a {@link BenchViewModel}. */
public final class BenchView extends BorderPane {

    private static final String STATUS_ERROR = "status-error";

    @FXML
    private Label lotLabel;
    @FXML
    private Label profileLabel;
    @FXML
    private Label passedLabel;
    @FXML
    private Label failedLabel;
    @FXML
    private Label totalLabel;
    @FXML
    private Label yieldLabel;
    @FXML
    private Label uphLabel;
    @FXML
    private HBox scanBar;
    @FXML
    private TextField scanField;
    @FXML
    private Label scanFeedback;
    @FXML
    private TilePane tilePane;
    @FXML
    private Label statusLabel;

    private final Timeline ticker;
    private final ObservableValue<Boolean> showing;

    public BenchView(BenchViewModel model) {
        Fxml.load("Bench.fxml", this);
        lotLabel.setText(model.lot());
        profileLabel.setText(model.profile());
        passedLabel.textProperty().bind(model.passedProperty().asString());
        failedLabel.textProperty().bind(model.failedProperty().asString());
        totalLabel.textProperty().bind(model.totalProperty().asString());
        yieldLabel.textProperty().bind(model.firstPassYieldTextProperty());
        statusLabel.textProperty().bind(model.statusTextProperty());
        statusLabel.accessibleTextProperty().bind(model.statusTextProperty());
        showStatusKind(model.statusErrorProperty().get());
        model.statusErrorProperty().addListener((obs, old, error) -> showStatusKind(error));
        model.tiles().forEach(tile -> tilePane.getChildren().add(new FixtureTileView(tile)));
        uphLabel.textProperty().bind(model.unitsPerHourTextProperty());
        bindScan(model.scan());

        // Elapsed times advance once a second while the window is showing; the timeline runs on the FX thread.
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.refreshElapsed()));
        ticker.setCycleCount(Animation.INDEFINITE);
        showing = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        showing.addListener((obs, was, now) -> {
            if (now) {
                scanField.requestFocus();
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }

    /**
     * The scan bar shows only when scans can start units. A scanner types characters and Enter into the focused
     * field; Escape anywhere on the bench brings the focus back to it, so an operator never needs the mouse.
     */
    private void bindScan(ScanViewModel scan) {
        scanBar.visibleProperty().bind(scan.activeProperty());
        scanBar.managedProperty().bind(scan.activeProperty());
        scanField.textProperty().bindBidirectional(scan.textProperty());
        scanField.setOnAction(e -> scan.submit());
        scanFeedback.textProperty().bind(scan.feedbackProperty());
        scan.feedbackErrorProperty().addListener((obs, old, refused) -> {
            scanFeedback.getStyleClass().remove("scan-refused");
            if (refused) {
                scanFeedback.getStyleClass().add("scan-refused");
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && scan.activeProperty().get()) {
                scanField.requestFocus();
                e.consume();
            }
        });
    }

    /** Puts the keyboard focus in the scan field. */
    public void focusScan() {
        scanField.requestFocus();
    }

    private void showStatusKind(boolean error) {
        if (error) {
            if (!statusLabel.getStyleClass().contains(STATUS_ERROR)) {
                statusLabel.getStyleClass().add(STATUS_ERROR);
            }
        } else {
            statusLabel.getStyleClass().remove(STATUS_ERROR);
        }
    }
}
