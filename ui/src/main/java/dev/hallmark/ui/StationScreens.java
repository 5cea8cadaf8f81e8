package dev.hallmark.ui;

import dev.hallmark.ui.admin.AdminViewModel;
import dev.hallmark.ui.auditor.AuditorViewModel;
import dev.hallmark.ui.bench.BenchViewModel;
import dev.hallmark.ui.lot.LotDashboardViewModel;

/**
 * The screens of one station window, each optional (null leaves its tab out): the operator's bench, the lot
 * dashboard, the auditor's search and the admin screen.
 */
public record StationScreens(BenchViewModel bench, LotDashboardViewModel dashboard, AuditorViewModel auditor,
                             AdminViewModel admin) {

    public StationScreens {
        if (bench == null && dashboard == null && auditor == null && admin == null) {
            throw new IllegalArgumentException("a station window needs at least one screen");
        }
    }
}
