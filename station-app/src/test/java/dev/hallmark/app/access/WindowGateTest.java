package dev.hallmark.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.Role;
import dev.hallmark.ui.signin.Permission;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's screens per role, as the engine's action matrix gives them. */
class WindowGateTest {

    @Test
    void eachRoleOpensTheScreensOfItsActions() {
        assertThat(screens(Role.OPERATOR)).containsExactly(Permission.BENCH_SCREEN);
        assertThat(screens(Role.SUPERVISOR)).containsExactly(Permission.BENCH_SCREEN, Permission.LOT_DASHBOARD_SCREEN,
                Permission.AUDITOR_SCREEN);
        assertThat(screens(Role.AUDITOR)).containsExactly(Permission.AUDITOR_SCREEN);
        assertThat(screens(Role.ADMIN)).containsExactly(Permission.LOT_DASHBOARD_SCREEN, Permission.AUDITOR_SCREEN,
                Permission.ADMIN_SCREEN);
    }

    @Test
    void anAuditorMayExportAndVerifyButNeitherStartUnitsNorConfirmALock() {
        List<Permission> auditor = allowed(Role.AUDITOR);
        assertThat(auditor).contains(Permission.EXPORT, Permission.VERIFY_CHAIN)
                .doesNotContain(Permission.START_UNIT, Permission.PERMANENT_LOCK, Permission.TEST_CONNECTION);
        assertThat(allowed(Role.ADMIN)).contains(Permission.TEST_CONNECTION).doesNotContain(Permission.START_UNIT);
    }

    private static List<Permission> screens(Role role) {
        return allowed(role).stream().filter(p -> p.tabId() != null).toList();
    }

    private static List<Permission> allowed(Role role) {
        return Arrays.stream(Permission.values()).filter(p -> WindowGate.action(p).allowed().contains(role)).toList();
    }
}
