package dev.hallmark.ui.signin;

import dev.hallmark.ui.Views;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The inline panel above the bench (LotStart.fxml) for a permanently locking lot, bound to a
 * {@link LotStartViewModel}: the lot's name and Enter, then (two-person rule) the approver's name and password and
 * Enter. Once done it shrinks to one green line saying who confirmed and who approved.
 */
public final class LotStartView extends VBox {

    @FXML
    private Label explanationLabel;
    @FXML
    private HBox confirmRow;
    @FXML
    private TextField lotConfirmField;
    @FXML
    private HBox approveRow;
    @FXML
    private TextField approverNameField;
    @FXML
    private PasswordField approverPasswordField;
    @FXML
    private Label lotStartError;
    @FXML
    private Label lotStartOutcome;

    private final LotStartViewModel model;

    public LotStartView(LotStartViewModel model) {
        this.model = model;
        Views.load("LotStart.fxml", this);
        explanationLabel.setText(model.explanation());
        lotConfirmField.textProperty().bindBidirectional(model.typedLotProperty());
        approverNameField.textProperty().bindBidirectional(model.approverNameProperty());
        approverPasswordField.textProperty().bindBidirectional(model.approverPasswordProperty());
        lotStartError.textProperty().bind(model.errorProperty());
        lotStartOutcome.textProperty().bind(model.outcomeProperty());
        lotConfirmField.setOnAction(e -> model.confirm());
        approverNameField.setOnAction(e -> approverPasswordField.requestFocus());
        approverPasswordField.setOnAction(e -> model.approve());
        model.stageProperty().addListener((obs, was, now) -> show(now));
        show(model.stageProperty().get());
    }

    private void show(LotStartViewModel.Stage stage) {
        boolean needed = stage != LotStartViewModel.Stage.NOT_NEEDED;
        shown(this, needed);
        shown(explanationLabel, stage == LotStartViewModel.Stage.CONFIRM || stage == LotStartViewModel.Stage.APPROVE);
        shown(confirmRow, stage == LotStartViewModel.Stage.CONFIRM);
        shown(approveRow, stage == LotStartViewModel.Stage.APPROVE);
        shown(lotStartOutcome, stage == LotStartViewModel.Stage.DONE);
        getChildren().get(0).setVisible(stage != LotStartViewModel.Stage.DONE);
        ((Node) getChildren().get(0)).setManaged(stage != LotStartViewModel.Stage.DONE);
        getStyleClass().remove("lot-start-done");
        if (stage == LotStartViewModel.Stage.DONE) {
            getStyleClass().add("lot-start-done");
        }
        if (stage == LotStartViewModel.Stage.APPROVE) {
            approverNameField.requestFocus();
        }
    }

    /** Puts the caret where the operator types next, if the panel waits for them; returns whether it did. */
    public boolean focusIfWaiting() {
        LotStartViewModel.Stage stage = model.stageProperty().get();
        if (stage == LotStartViewModel.Stage.CONFIRM) {
            lotConfirmField.requestFocus();
            return true;
        }
        if (stage == LotStartViewModel.Stage.APPROVE) {
            approverNameField.requestFocus();
            return true;
        }
        return false;
    }

    private static void shown(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
