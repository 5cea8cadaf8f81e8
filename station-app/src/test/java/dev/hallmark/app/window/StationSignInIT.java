package dev.hallmark.app.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.app.HallmarkProcess;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.access.WindowGate;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.Conformity;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ChainedAction;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import dev.hallmark.ui.StationWindow;
import dev.hallmark.ui.signin.Permission;
import dev.hallmark.ui.signin.Session;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The signed-in station window against the real engine on the embedded default (SoftHSM2 token, embedded CA, H2
 * with its action log, simulated STM32F4 boards on pseudo-terminals), driven by key events on Monocle: a wrong
 * password, an operator at the bench who cannot open the admin screen, an auditor who cannot start a unit, and a
 * permanently locking lot that starts only after a supervisor's approval in the inline panel. Saves PNGs.
 */
class StationSignInIT {

    private static final String OLGA_PASSWORD = "olga-password-12";
    private static final String AUD_PASSWORD = "auditor-password-12";
    private static final String SAM_PASSWORD = "sam-password-1234";
    private static final String GINA_PASSWORD = "gina-password-123";

    private static EmbeddedStation station;
    private static StationAccess access;
    private static DataDir dir;
    private final ShellProbe probe = new ShellProbe();

    @BeforeAll
    static void headlessToolkit() throws Exception {
        System.setProperty("testfx.headless", "true");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        FxToolkit.registerPrimaryStage();
        // One station per JVM: failsafe points SOFTHSM2_CONF at the "in-process" directory.
        dir = new DataDir(HallmarkProcess.freshDir("in-process"));
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, l -> { });
        access = StationAccess.embedded(dir, random, clock, l -> { });
        add("olga", OLGA_PASSWORD, Role.OPERATOR);
        add("aud", AUD_PASSWORD, Role.AUDITOR);
        add("sam", SAM_PASSWORD, Role.SUPERVISOR);
    }

    @AfterAll
    static void stopToolkit() throws Exception {
        FxToolkit.cleanupStages();
        if (station != null) {
            station.close();
        }
    }

    private static void add(String name, String password, Role role) throws Exception {
        var now = access.clock().instant();
        access.directory().create(new OperatorAccount(name, Set.of(role),
                access.hasher().hash(password.toCharArray()).encode(), 0, false, false, now, now));
    }

    @Test
    void onlyASessionTheGateIssuedAndThatHasNotSignedOutOpensAnything() throws Exception {
        add("gina", GINA_PASSWORD, Role.OPERATOR);
        WindowGate gate = new WindowGate(access);
        Session forged = new Session("gina", Set.of(Role.ADMIN));
        assertThat(gate.allows(forged, Permission.ADMIN_SCREEN)).isFalse();
        assertThatThrownBy(() -> gate.authorize(forged, Permission.ADMIN_SCREEN, null))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SIGNED_IN));

        Session real = gate.signIn("gina", GINA_PASSWORD.toCharArray());
        assertThat(gate.allows(real, Permission.BENCH_SCREEN)).isTrue();
        assertThat(gate.allows(real, Permission.ADMIN_SCREEN)).isFalse();
        assertThat(gate.allows(new Session("gina", Set.of(Role.OPERATOR)), Permission.BENCH_SCREEN))
                .as("an equal session the gate did not issue").isFalse();

        gate.recordSession(real, "SIGN_OUT", "test");
        assertThat(gate.allows(real, Permission.BENCH_SCREEN)).isFalse();
        assertThatThrownBy(() -> gate.authorize(real, Permission.START_UNIT, "LOT"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SIGNED_IN));
    }

    @Test
    void eachRoleReachesOnlyItsScreensAndEverySignInIsRecorded() throws Exception {
        try (Station s = new Station("roles", DemoProfile.STM32F4, "ROLES-IT")) {
            probe.waitFor("the sign-in screen", () -> probe.focusId().equals("signInName"));
            probe.save("sign-in.png");

            probe.type("olga\n");
            probe.waitFor("the password field", () -> probe.focusId().equals("signInPassword"));
            probe.type("not-the-password\n");
            probe.waitFor("the error line", () -> !probe.label("#signInError").isEmpty());
            assertThat(probe.label("#signInError")).startsWith("HM-701 access: sign-in as 'olga' failed");
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("SIGN_IN")
                    && a.outcome().equals("DENIED") && a.detail().startsWith("wrong password, failure 1 of 5"));
            probe.save("sign-in-failed.png");

            probe.type(OLGA_PASSWORD + "\n");
            probe.waitFor("the bench's scan field", () -> probe.focusId().equals("scanField"));
            assertThat(probe.label("#sessionLabel")).isEqualTo("olga  -  operator");
            assertThat(probe.enabledTabs()).containsExactly("bench-tab");
            probe.press(KeyCode.F4);
            assertThat(probe.selectedTab()).isEqualTo("bench-tab");
            assertThat(probe.label("#accessNote")).isEqualTo("Admin (F4) is closed to olga (operator): it needs the role admin");

            probe.type("BOARD-0001\n");
            probe.waitFor("the unit's PASS", () -> probe.label(".result-text").equals("PASS"));
            probe.save("station-signed-in.png");
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("SIGN_IN")
                    && a.outcome().equals("OK"));
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("PROVISION")
                    && a.outcome().equals("OK") && "ROLES-IT/BOARD-0001".equals(a.target()));

            probe.press(KeyCode.F12);
            probe.waitFor("the sign-in screen again", () -> probe.focusId().equals("signInName"));
            assertThat(probe.shows("#scanField")).isFalse();

            probe.type("aud\n" + AUD_PASSWORD + "\n");
            probe.waitFor("the auditor signed in", () -> probe.label("#sessionLabel").equals("aud  -  auditor"));
            assertThat(probe.enabledTabs()).containsExactly("auditor-tab");
            assertThat(probe.selectedTab()).isEqualTo("auditor-tab");
            probe.press(KeyCode.F1);
            assertThat(probe.selectedTab()).isEqualTo("auditor-tab");
            assertThat(probe.label("#accessNote")).startsWith("Bench (F1) is closed to aud (auditor)");

            // Defence in depth: the bench's model asked directly (no tab leads there) still refuses the auditor.
            var scan = s.ui.screens().bench().scan();
            probe.run(() -> {
                scan.textProperty().set("BOARD-0002");
                scan.submit();
            });
            probe.waitFor("the refusal", () -> ShellProbe.onFx(() -> scan.feedbackProperty().get()).contains("HM-700"));
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("aud") && a.action().equals("PROVISION")
                    && a.outcome().equals("DENIED"));
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("SIGN_OUT"));
        }
    }

    @Test
    void aPermanentLotStartsOnlyAfterASecondPersonApprovesInTheInlinePanel() throws Exception {
        ProductProfile permanent = DemoProfile.STM32F4_PERMANENT.withConformity(
                new Conformity(ConformityClass.CLASS_1, true));
        try (Station s = new Station("permanent", permanent, "PERM-IT")) {
            probe.waitFor("the sign-in screen", () -> probe.focusId().equals("signInName"));
            probe.type("olga\n" + OLGA_PASSWORD + "\n");
            probe.waitFor("the permanent-lock panel", () -> probe.focusId().equals("lotConfirmField"));

            var scan = s.ui.screens().bench().scan();
            probe.run(() -> {
                scan.textProperty().set("BOARD-0001");
                scan.submit();
            });
            probe.waitFor("the refusal", () -> ShellProbe.onFx(() -> scan.feedbackProperty().get()).contains("HM-709"));

            probe.type("PERM-IT\n");
            probe.waitFor("the approver's fields", () -> probe.focusId().equals("approverNameField"));
            probe.type("sam\n");
            probe.save("permanent-lock-approval.png");
            probe.type("wrong-password\n");
            probe.waitFor("the approver's error", () -> !probe.label("#lotStartError").isEmpty());
            assertThat(probe.label("#lotStartError")).startsWith("HM-701 ");
            probe.type(SAM_PASSWORD + "\n");
            probe.waitFor("the approval", () -> probe.label("#lotStartOutcome").startsWith("Approved by sam"));
            assertThat(probe.label("#lotStartOutcome")).isEqualTo(
                    "Approved by sam (supervisor) for olga: units of lot PERM-IT are locked for good");
            probe.waitFor("the scan field", () -> probe.focusId().equals("scanField"));

            probe.type("BOARD-0002\n");
            probe.waitFor("the unit's PASS", () -> probe.label(".result-text").equals("PASS"));
            probe.save("permanent-lock-approved.png");
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("PERMANENT_LOCK")
                    && a.outcome().equals("OK") && "sam".equals(a.approver()) && "PERM-IT".equals(a.target()));
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("PROVISION")
                    && a.outcome().equals("DENIED") && "PERM-IT/BOARD-0001".equals(a.target()));
            assertThat(s.actions()).anyMatch(a -> a.operator().equals("olga") && a.action().equals("PROVISION")
                    && a.outcome().equals("OK") && "PERM-IT/BOARD-0002".equals(a.target()));
        }
    }

    /** A signed-in window on one simulated board of the class's station, for one lot and profile. */
    private final class Station implements AutoCloseable {
        private final SimBench sims;
        private final DemoBench bench;
        private final StationUi ui;

        private Station(String name, ProductProfile profile, String lot) throws Exception {
            SecureRandom random = new SecureRandom();
            Clock clock = Clock.systemUTC();
            sims = SimBench.start(Stm32Family.F4, 1, SimulatedVendor.transportKek(dir, station.hsm(), random, l -> { }),
                    random, SimTiming.NONE);
            bench = DemoBench.of(sims);
            ui = new StationUi(station, bench, profile, lot, "it-station", SoftHsmToken.defaultModule(),
                    Platform::runLater, clock, UnitListener.none(), access, null);
            StationWindow.show(() -> ui.signedInWindow("Station it-station, lot " + lot + " (" + profile.name() + ")"),
                    "Hallmark station - sign-in IT", () -> { });
        }

        List<ActionRecord> actions() throws Exception {
            return access.log().all().stream().map(ChainedAction::record).toList();
        }

        @Override
        public void close() throws Exception {
            probe.close();
            boolean closed = StationWindow.awaitClosed(Duration.ofSeconds(20));
            ui.close();
            bench.close();
            sims.close();
            assertThat(closed).as("window closed").isTrue();
        }
    }
}
