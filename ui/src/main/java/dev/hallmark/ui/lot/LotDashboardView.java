package dev.hallmark.ui.lot;

import dev.hallmark.ui.Views;
import java.time.Duration;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

/** The lot dashboard (LotDashboard.fxml): yield over time, failure Pareto and throughput charts. */
public final class LotDashboardView extends BorderPane {

    @FXML
    private ComboBox<String> lotBox;
    @FXML
    private ComboBox<Duration> bucketBox;
    @FXML
    private Button refreshButton;
    @FXML
    private Label lotHeader;
    @FXML
    private LineChart<String, Number> yieldChart;
    @FXML
    private BarChart<String, Number> paretoChart;
    @FXML
    private BarChart<String, Number> throughputChart;
    @FXML
    private Label dashboardStatus;

    public LotDashboardView(LotDashboardViewModel model) {
        Views.load("LotDashboard.fxml", this);
        lotBox.setItems(model.lots());
        lotBox.valueProperty().bindBidirectional(model.lotProperty());
        bucketBox.getItems().setAll(LotDashboardViewModel.BUCKETS);
        bucketBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toDays() >= 1 ? d.toDays() + " d" : d.toHours() >= 1 ? d.toHours() + " h"
                        : d.toMinutes() + " min";
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        bucketBox.valueProperty().bindBidirectional(model.bucketProperty());
        lotBox.setOnAction(e -> model.refresh());
        bucketBox.setOnAction(e -> model.refresh());
        refreshButton.setOnAction(e -> model.loadLots());
        lotHeader.textProperty().bind(model.headerProperty());
        dashboardStatus.textProperty().bind(model.statusProperty());
        yieldChart.setAnimated(false);
        paretoChart.setAnimated(false);
        throughputChart.setAnimated(false);
        model.yieldProperty().addListener((o, a, points) -> draw(yieldChart, "Yield %", points));
        model.throughputProperty().addListener((o, a, points) -> draw(throughputChart, "Units per hour", points));
        model.paretoProperty().addListener((o, a, points) -> draw(paretoChart, "Failed units", points));
        draw(yieldChart, "Yield %", model.yieldProperty().get());
        draw(throughputChart, "Units per hour", model.throughputProperty().get());
        draw(paretoChart, "Failed units", model.paretoProperty().get());
    }

    private static void draw(XYChart<String, Number> chart, String name, List<LotDashboardViewModel.Point> points) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (LotDashboardViewModel.Point p : points) {
            series.getData().add(new XYChart.Data<>(p.label(), p.value()));
        }
        chart.getData().setAll(List.of(series));
    }
}
