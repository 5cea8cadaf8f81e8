package dev.hallmark.app.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;

/** The report's pictures, drawn with JFreeChart into images: yield as a pie, failures by cause and controls as bars. */
final class ReportCharts {

    static final int WIDTH = 520;
    static final int HEIGHT = 240;

    private ReportCharts() {
    }

    static BufferedImage yield(LotReport.Summary s) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        data.setValue("passed (" + s.passed() + ")", s.passed());
        data.setValue("failed (" + s.failed() + ")", s.failed());
        if (s.inProgress() > 0) {
            data.setValue("under way (" + s.inProgress() + ")", s.inProgress());
        }
        JFreeChart chart = ChartFactory.createPieChart(String.format("Yield %.1f %%", s.yieldPercent()), data, true,
                false, false);
        @SuppressWarnings("unchecked")
        PiePlot<String> plot = (PiePlot<String>) chart.getPlot();
        plot.setSectionPaint("passed (" + s.passed() + ")", new Color(0x2e7d32));
        plot.setSectionPaint("failed (" + s.failed() + ")", new Color(0xc62828));
        plot.setBackgroundPaint(Color.WHITE);
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    static BufferedImage failuresByCause(Map<String, Integer> byCause) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byCause.forEach((cause, count) -> data.addValue(count, "failed attempts", cause));
        JFreeChart chart = ChartFactory.createBarChart("Failures by cause", "error code", "attempts", data,
                PlotOrientation.HORIZONTAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, new Color(0xc62828));
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    static BufferedImage controls(Map<String, int[]> totals) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        totals.forEach((control, t) -> {
            data.addValue(t[0], "satisfied", control);
            data.addValue(t[1] - t[0], "not satisfied", control);
        });
        JFreeChart chart = ChartFactory.createStackedBarChart("Controls per unit", "control", "units", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, new Color(0x2e7d32));
        chart.getCategoryPlot().getRenderer().setSeriesPaint(1, new Color(0xc62828));
        return chart.createBufferedImage(WIDTH, HEIGHT + 40);
    }
}
