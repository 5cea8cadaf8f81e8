package dev.hallmark.ui.auditor;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.ui.Views;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/** The auditor's screen (Auditor.fxml): criteria, the paged unit table, the opened unit, chain check and export. */
public final class AuditorView extends BorderPane {

    private static final String CHAIN_OK = "chain-ok";
    private static final String CHAIN_BROKEN = "chain-broken";

    @FXML
    private TextField serialField;
    @FXML
    private TextField uidField;
    @FXML
    private TextField lotField;
    @FXML
    private DatePicker fromPicker;
    @FXML
    private DatePicker toPicker;
    @FXML
    private ComboBox<UnitResult> resultBox;
    @FXML
    private ComboBox<Step> stepBox;
    @FXML
    private Button searchButton;
    @FXML
    private Label resultCountLabel;
    @FXML
    private TableView<UnitRow> unitTable;
    @FXML
    private TextArea detailArea;
    @FXML
    private Label chainLabel;
    @FXML
    private Button verifyButton;
    @FXML
    private ComboBox<String> formatBox;
    @FXML
    private Button exportButton;
    @FXML
    private Label auditorStatus;

    private final AuditorViewModel model;

    public AuditorView(AuditorViewModel model) {
        this.model = model;
        Views.load("Auditor.fxml", this);
        serialField.textProperty().bindBidirectional(model.serialProperty());
        uidField.textProperty().bindBidirectional(model.uidProperty());
        lotField.textProperty().bindBidirectional(model.lotProperty());
        fromPicker.valueProperty().bindBidirectional(model.fromProperty());
        toPicker.valueProperty().bindBidirectional(model.toProperty());
        resultBox.getItems().add(null);
        resultBox.getItems().addAll(UnitResult.values());
        resultBox.valueProperty().bindBidirectional(model.resultProperty());
        stepBox.getItems().add(null);
        stepBox.getItems().addAll(Step.values());
        stepBox.valueProperty().bindBidirectional(model.failedStepProperty());
        for (TextField field : new TextField[] {serialField, uidField, lotField}) {
            field.setOnAction(e -> model.search());
        }
        searchButton.setOnAction(e -> model.search());
        searchButton.disableProperty().bind(model.busyProperty());
        resultCountLabel.textProperty().bind(model.resultTextProperty());

        addColumn("Serial", UnitRecord::serial, 150, null);
        addColumn("UID", UnitRecord::uid, 230, null);
        addColumn("Lot", UnitRecord::lot, 110, null);
        addColumn("Result", UnitRecord::resultLabel, 110, UnitOrder.Key.RESULT);
        addColumn("Failed step", UnitRecord::failedStep, 110, null);
        addColumn("Error", UnitRecord::errorCode, 80, null);
        addColumn("Started (UTC)", u -> u.started() == null ? "" : u.started().toString(), 230, UnitOrder.Key.STARTED);
        addColumn("Station", UnitRecord::station, 100, UnitOrder.Key.STATION);
        addColumn("Fixture", UnitRecord::fixture, 70, null);
        // The database sorts (a whitelisted column, keyset-paged): the table never sorts its rows itself.
        unitTable.setSortPolicy(table -> {
            if (!swappingItems) {
                model.sortBy(orderOf(table.getSortOrder()));
            }
            return true;
        });
        unitTable.setPlaceholder(new Label("No units: run a search"));
        // A new search replaces the table's items, and a TableView then clears its sort order (it expects to sort
        // the new items itself): that clearing must not reach the policy as "unsorted", and the header's arrow is
        // put back to the order the rows were read in. Invalidation listeners run in the order they were added.
        model.rowsProperty().addListener((javafx.beans.InvalidationListener) o -> swappingItems = true);
        unitTable.itemsProperty().bind(model.rowsProperty().map(rows -> (javafx.collections.ObservableList<UnitRow>) rows)
                .orElse(FXCollections.observableArrayList()));
        model.rowsProperty().addListener((obs, old, rows) -> {
            swappingItems = false;
            if (rows != null) {
                showOrder(rows.order());
            }
        });
        unitTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.open(unitTable.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        unitTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.open(unitTable.getSelectionModel().getSelectedItem());
            }
        });
        detailArea.textProperty().bind(model.detailProperty()
                .map(UnitDetailViewModel::text).orElse("Select a unit and press Enter (or double-click) to open it."));

        chainLabel.textProperty().bind(model.chainTextProperty());
        model.chainOkProperty().addListener((obs, old, ok) -> showChainKind(ok));
        verifyButton.setOnAction(e -> model.verifyChain());
        formatBox.getItems().setAll(model.exportFormats());
        formatBox.getSelectionModel().selectFirst();
        exportButton.setOnAction(e -> chooseAndExport());
        auditorStatus.textProperty().bind(model.statusProperty());
    }

    /** Shows {@code order} in the headers (the arrow on its column); the policy then finds the order unchanged. */
    private void showOrder(UnitOrder order) {
        unitTable.getColumns().stream().filter(c -> c.getUserData() == order.key()).findFirst().ifPresentOrElse(c -> {
            c.setSortType(order.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
            unitTable.getSortOrder().setAll(List.of(c));
        }, () -> unitTable.getSortOrder().clear());
    }

    /** The first sorted column's order; the id order when none is sorted. */
    private static UnitOrder orderOf(List<TableColumn<UnitRow, ?>> sortOrder) {
        if (sortOrder.isEmpty() || !(sortOrder.get(0).getUserData() instanceof UnitOrder.Key key)) {
            return UnitOrder.byId();
        }
        return new UnitOrder(key, sortOrder.get(0).getSortType() == TableColumn.SortType.DESCENDING);
    }

    private boolean swappingItems;

    private void addColumn(String title, Function<UnitRecord, String> value, double width, UnitOrder.Key sortKey) {
        TableColumn<UnitRow, String> column = new TableColumn<>(title);
        column.setSortable(sortKey != null);
        column.setUserData(sortKey);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> cell.getValue().unitProperty()
                .map(u -> {
                    String text = value.apply(u);
                    return text == null ? "" : text;
                }).orElse("…"));
        unitTable.getColumns().add(column);
    }

    private void chooseAndExport() {
        String format = formatBox.getValue();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export units as " + format);
        chooser.setInitialFileName("units." + (format.equals("manifest") || format.equals("aws") ? "json" : format));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.export(format, file.toPath());
        }
    }

    private void showChainKind(Boolean ok) {
        chainLabel.getStyleClass().removeAll(CHAIN_OK, CHAIN_BROKEN);
        if (ok != null) {
            chainLabel.getStyleClass().add(ok ? CHAIN_OK : CHAIN_BROKEN);
        }
    }

    /** The table, for the responsiveness benchmark and tests. */
    public TableView<UnitRow> table() {
        return unitTable;
    }
}
