package dev.hallmark.ui.signin;

/**
 * What the window lets a signed-in person do: open a screen, or take an action on it. Which roles hold each is
 * the engine's action matrix (docs/access-control.md), looked up through {@link StationGate}.
 */
public enum Permission {
    /** Open the bench (F1). */
    BENCH_SCREEN("use the bench", "bench-tab"),
    /** Open the lot dashboard (F2). */
    LOT_DASHBOARD_SCREEN("open the lot dashboard", "dashboard-tab"),
    /** Open the auditor's search (F3). */
    AUDITOR_SCREEN("open the auditor screen", "auditor-tab"),
    /** Open the admin screen (F4). */
    ADMIN_SCREEN("open the admin screen", "admin-tab"),
    /** Start a unit by a scan. */
    START_UNIT("start a unit", null),
    /** Confirm (and have approved) a lot that locks every board for good. */
    PERMANENT_LOCK("start a permanently locking lot", null),
    /** Export unit records. */
    EXPORT("export unit records", null),
    /** Verify the audit chain. */
    VERIFY_CHAIN("verify the audit chain", null),
    /** Run a part's "test connection" on the admin screen. */
    TEST_CONNECTION("test a part's connection", null);

    private final String words;
    private final String tabId;

    Permission(String words, String tabId) {
        this.words = words;
        this.tabId = tabId;
    }

    /** Plain words for messages: {@code open the admin screen}. */
    public String words() {
        return words;
    }

    /** The id of the screen's tab in the station window, or null for an action. */
    public String tabId() {
        return tabId;
    }

    /** The screen permission of a tab id, or null. */
    public static Permission ofTab(String tabId) {
        for (Permission p : values()) {
            if (p.tabId != null && p.tabId.equals(tabId)) {
                return p;
            }
        }
        return null;
    }
}
