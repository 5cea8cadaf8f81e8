package dev.hallmark.ui.admin;

import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.ui.Views;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The admin screen (Admin.fxml): product profiles, then one box per part with its settings and a connection test. */
public final class AdminView extends BorderPane {

    @FXML
    private TableView<AdminViewModel.ProfileRow> profileTable;
    @FXML
    private VBox partsBox;

    public AdminView(AdminViewModel model) {
        Views.load("Admin.fxml", this);
        column("Profile", AdminViewModel.ProfileRow::name, 150);
        column("Chip family", AdminViewModel.ProfileRow::chipFamily, 100);
        column("Key type", AdminViewModel.ProfileRow::keyType, 90);
        column("Custody", AdminViewModel.ProfileRow::custody, 90);
        column("Subject template", AdminViewModel.ProfileRow::subjectTemplate, 260);
        column("Lock level", AdminViewModel.ProfileRow::lockLevel, 150);
        column("ISO/IEC 27402 class", AdminViewModel.ProfileRow::isoClass, 250);
        column("Serial prefix", AdminViewModel.ProfileRow::serialPrefix, 100);
        column("Validity", AdminViewModel.ProfileRow::validity, 100);
        profileTable.getItems().setAll(model.profiles());
        model.parts().forEach(part -> partsBox.getChildren().add(partBox(part)));
    }

    private void column(String title, Function<AdminViewModel.ProfileRow, String> value, double width) {
        TableColumn<AdminViewModel.ProfileRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        profileTable.getColumns().add(c);
    }

    private static VBox partBox(PartViewModel part) {
        Label title = new Label(part.name());
        title.getStyleClass().add("part-title");
        Button test = new Button("Test connection");
        test.setId("test-" + part.name().replaceAll("[^A-Za-z0-9]", ""));
        test.disableProperty().bind(part.testingProperty());
        test.setOnAction(e -> part.testConnection());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(title, gap, test);
        head.getStyleClass().add("part-head");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("part-settings");
        int row = 0;
        for (StationSettings.Setting s : part.settings()) {
            Label name = new Label(s.name());
            name.getStyleClass().add("setting-name");
            grid.addRow(row++, name, new Label(s.value()));
        }
        Label result = new Label();
        result.getStyleClass().add("check-result");
        result.setWrapText(true);
        result.textProperty().bind(part.resultProperty());
        part.okProperty().addListener((obs, old, ok) -> {
            result.getStyleClass().removeAll("check-ok", "check-failed");
            if (ok != null) {
                result.getStyleClass().add(ok ? "check-ok" : "check-failed");
            }
        });
        VBox box = new VBox(head, grid, result);
        box.getStyleClass().add("part-box");
        return box;
    }
}
