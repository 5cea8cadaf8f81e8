package dev.hallmark.ui;

import dev.hallmark.ui.admin.AdminView;
import dev.hallmark.ui.auditor.AuditorView;
import dev.hallmark.ui.bench.BenchView;
import dev.hallmark.ui.lot.LotDashboardView;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The station window's content: one tab per screen, switched from the keyboard with F1 to F4 (Bench, Lot
 * dashboard, Auditor, Admin). Opening the bench tab puts the focus in its scan field.
 */
public final class StationView extends TabPane {

    private static final KeyCode[] KEYS = {KeyCode.F1, KeyCode.F2, KeyCode.F3, KeyCode.F4};

    public StationView(StationScreens screens) {
        getStyleClass().add("station");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        if (screens.bench() != null) {
            BenchView bench = new BenchView(screens.bench());
            Tab tab = add("Bench", "bench-tab", bench);
            tab.selectedProperty().addListener((obs, was, now) -> {
                if (now) {
                    bench.focusScan();
                }
            });
        }
        if (screens.dashboard() != null) {
            Tab tab = add("Lot dashboard", "dashboard-tab", new LotDashboardView(screens.dashboard()));
            tab.selectedProperty().addListener((obs, was, now) -> {
                if (now) {
                    screens.dashboard().loadLots();
                }
            });
            if (screens.bench() == null) {
                screens.dashboard().loadLots();
            }
        }
        if (screens.auditor() != null) {
            add("Auditor", "auditor-tab", new AuditorView(screens.auditor()));
        }
        if (screens.admin() != null) {
            add("Admin", "admin-tab", new AdminView(screens.admin()));
        }
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            for (int i = 0; i < KEYS.length && i < getTabs().size(); i++) {
                if (e.getCode() == KEYS[i] && !e.isShortcutDown()) {
                    getSelectionModel().select(i);
                    e.consume();
                }
            }
        });
    }

    private Tab add(String title, String id, Node content) {
        int index = getTabs().size();
        Tab tab = new Tab(title + "  (F" + (index + 1) + ")", content);
        tab.setId(id);
        getTabs().add(tab);
        return tab;
    }

    /** Shows the tab with this id ({@code bench-tab}, {@code dashboard-tab}, {@code auditor-tab}, {@code admin-tab}). */
    public void select(String tabId) {
        getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .ifPresent(t -> getSelectionModel().select(t));
    }
}
