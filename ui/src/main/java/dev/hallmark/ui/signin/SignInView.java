package dev.hallmark.ui.signin;

import dev.hallmark.ui.Views;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;

/**
 * The sign-in screen (SignIn.fxml), bound to a {@link SignInViewModel}: name, Enter, password, Enter. A failure shows
 * in one red line under the fields; the fields stay usable while the password is checked off the FX thread.
 */
public final class SignInView extends StackPane {

    @FXML
    private Label stationLabel;
    @FXML
    private TextField signInName;
    @FXML
    private PasswordField signInPassword;
    @FXML
    private Label signInError;
    @FXML
    private Label signInNotice;

    public SignInView(SignInViewModel model, String station) {
        Views.load("SignIn.fxml", this);
        stationLabel.setText(station);
        signInName.textProperty().bindBidirectional(model.nameProperty());
        signInPassword.textProperty().bindBidirectional(model.passwordProperty());
        signInError.textProperty().bind(model.errorProperty());
        signInNotice.textProperty().bind(model.noticeProperty());
        signInName.setOnAction(e -> {
            if (signInPassword.getText().isEmpty()) {
                signInPassword.requestFocus();
            } else {
                model.submit();
            }
        });
        signInPassword.setOnAction(e -> model.submit());
        model.errorProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty()) {
                signInPassword.requestFocus();
            }
        });
    }

    /** Puts the caret in the name field (the screen just showed). */
    public void focusName() {
        signInName.requestFocus();
    }
}
