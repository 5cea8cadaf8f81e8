package dev.hallmark.ui.signin;

import dev.hallmark.ui.StationScreens;
import dev.hallmark.ui.StationView;
import dev.hallmark.ui.bench.BenchView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The signed-in station window: the sign-in screen until somebody signs in, then a header with who is signed in,
 * their role and "Sign out (F12)" over the permanent-lock panel and the screens' tabs. A screen the role may not
 * use has its tab disabled, and its F-key says why in the header instead of opening it.
 */
public final class StationShell extends BorderPane {

    private static final KeyCode[] SCREEN_KEYS = {KeyCode.F1, KeyCode.F2, KeyCode.F3, KeyCode.F4};
    private static final Duration IDLE_CHECK = Duration.seconds(15);

    private final SignInViewModel signIn;
    private final StationGate gate;
    private final SignInView signInView;
    private final StationView stationView;
    private final VBox lotStartBox = new VBox();
    private final LotStartView lotStartView;
    private final HBox header = new HBox();
    private final Label who = new Label();
    private final Label note = new Label();
    private final VBox signedInContent;

    public StationShell(StationScreens screens, SignInViewModel signIn, LotStartViewModel lotStart, String station) {
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.gate = signIn.gate();
        getStylesheets().add(Objects.requireNonNull(getClass().getResource("signin.css")).toExternalForm());
        getStyleClass().add("station-shell");
        signInView = new SignInView(signIn, station);
        stationView = new StationView(screens);
        lotStartView = new LotStartView(lotStart);
        lotStartBox.getChildren().add(lotStartView);
        VBox.setVgrow(stationView, Priority.ALWAYS);
        signedInContent = new VBox(lotStartBox, stationView);

        who.setId("sessionLabel");
        who.getStyleClass().add("session-who");
        note.setId("accessNote");
        note.getStyleClass().add("session-note");
        Button signOut = new Button("Sign out (F12)");
        signOut.setId("signOutButton");
        signOut.getStyleClass().add("session-sign-out");
        signOut.setFocusTraversable(false);
        signOut.setOnAction(e -> signIn.signOut(""));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        header.getChildren().addAll(who, note, gap, signOut);
        header.getStyleClass().add("session-header");

        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> signIn.touch());
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> signIn.touch());
        signIn.sessionProperty().addListener((obs, was, now) -> show(now));
        lotStart.stageProperty().addListener((obs, was, now) -> {
            if (now == LotStartViewModel.Stage.DONE) {
                Platform.runLater(this::focusWork);
            }
        });
        if (signIn.idleLimit() != null) {
            Timeline idle = new Timeline(new KeyFrame(IDLE_CHECK, e -> signIn.checkIdle()));
            idle.setCycleCount(Animation.INDEFINITE);
            idle.play();
        }
        show(signIn.sessionProperty().get());
    }

    private void key(KeyEvent e) {
        Session session = signIn.sessionProperty().get();
        if (session == null) {
            return;
        }
        if (e.getCode() == KeyCode.F12) {
            signIn.signOut("");
            e.consume();
            return;
        }
        List<Tab> tabs = stationView.getTabs();
        for (int i = 0; i < SCREEN_KEYS.length && i < tabs.size(); i++) {
            if (e.getCode() == SCREEN_KEYS[i] && tabs.get(i).isDisable()) {
                note.setText(closedLine(session, tabs.get(i)));
                e.consume();
            }
        }
    }

    private void show(Session session) {
        if (session == null) {
            setTop(null);
            setCenter(signInView);
            Platform.runLater(signInView::focusName);
            return;
        }
        who.setText(session.name() + "  -  " + session.roleWords());
        List<String> closed = new ArrayList<>();
        Tab first = null;
        for (Tab tab : stationView.getTabs()) {
            Permission screen = Permission.ofTab(tab.getId());
            boolean allowed = screen != null && gate.allows(session, screen);
            tab.setDisable(!allowed);
            tab.setTooltip(allowed ? null : new Tooltip(closedLine(session, tab)));
            if (allowed && first == null) {
                first = tab;
            }
            if (!allowed) {
                closed.add(title(tab));
            }
        }
        note.setText(closed.isEmpty() ? "" : "Not for your role: " + String.join(", ", closed));
        boolean starts = gate.allows(session, Permission.START_UNIT);
        lotStartBox.setVisible(starts);
        lotStartBox.setManaged(starts);
        setTop(header);
        setCenter(signedInContent);
        Tab selected = stationView.getSelectionModel().getSelectedItem();
        if (first != null && (selected == null || selected.isDisable())) {
            stationView.getSelectionModel().select(first);
        }
        Platform.runLater(this::focusWork);
    }

    private void focusWork() {
        // Builds the tabs' skins now, so the bench (which takes the focus when it first shows) is in the scene
        // before the focus is placed here.
        applyCss();
        layout();
        if (lotStartBox.isVisible() && lotStartView.focusIfWaiting()) {
            return;
        }
        Tab selected = stationView.getSelectionModel().getSelectedItem();
        if (selected != null && selected.getContent() instanceof BenchView bench) {
            bench.focusScan();
        } else if (selected != null && selected.getContent() != null) {
            selected.getContent().requestFocus();
        }
    }

    private String closedLine(Session session, Tab tab) {
        Permission screen = Permission.ofTab(tab.getId());
        String needs = screen == null ? "another role" : "the role " + gate.rolesFor(screen);
        return title(tab) + " is closed to " + session.describe() + ": it needs " + needs;
    }

    private static String title(Tab tab) {
        return tab.getText().replaceAll("\\s+", " ").strip();
    }

    /** The tabs, for the window's tests. */
    public StationView stationView() {
        return stationView;
    }
}
