package dev.hallmark.ui.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.ui.Background;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real auditor screen on Monocle, its archive read on a worker as in production: a click on a sortable column
 * header sorts on the archive (not in memory), the header keeps its arrow when the new rows arrive, and a click
 * on a column that does not sort changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class AuditorViewIT {

    private final ListArchive archive = new ListArchive(50_000);
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private AuditorViewModel model;

    @Start
    void start(Stage stage) {
        model = new AuditorViewModel(archive, new Background(worker, Platform::runLater));
        stage.setScene(new Scene(new AuditorView(model), 1280, 720));
        stage.show();
    }

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void clickingAHeaderSortsOnTheArchiveAndTheHeaderKeepsItsArrow(FxRobot robot) throws Exception {
        robot.interact(model::search);
        UnitPages first = awaitRows(robot, UnitOrder.byId());

        robot.clickOn(header(robot, "Result"));
        awaitRows(robot, new UnitOrder(UnitOrder.Key.RESULT, false));
        robot.clickOn(header(robot, "Result"));
        UnitPages rows = awaitRows(robot, new UnitOrder(UnitOrder.Key.RESULT, true));

        assertThat(rows).isNotSameAs(first).hasSize(50_000);
        assertThat(archive.lastOrder).isEqualTo(new UnitOrder(UnitOrder.Key.RESULT, true));
        TableView<?> table = robot.lookup("#unitTable").queryAs(TableView.class);
        assertThat(table.getSortOrder()).extracting(TableColumn::getText).containsExactly("Result");
        assertThat(table.getSortOrder().get(0).getSortType()).isEqualTo(TableColumn.SortType.DESCENDING);
        assertThat(rows.rowsHeld()).isLessThanOrEqualTo(AuditorViewModel.MAX_PAGES * AuditorViewModel.PAGE_SIZE);

        robot.clickOn(header(robot, "Serial"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.rowsProperty().get()).isSameAs(rows);
        assertThat(model.order()).isEqualTo(new UnitOrder(UnitOrder.Key.RESULT, true));
    }

    /** Waits until the table shows rows read in {@code order}; returns them. */
    private UnitPages awaitRows(FxRobot robot, UnitOrder order) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            UnitPages rows = model.rowsProperty().get();
            return rows != null && rows.order().equals(order);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return model.rowsProperty().get();
    }

    private static Node header(FxRobot robot, String title) {
        return robot.lookup(".column-header").match(n -> n instanceof TableColumnHeader h
                && h.getTableColumn() != null && title.equals(h.getTableColumn().getText())).query();
    }
}
