package dev.hallmark.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.PartCheck;
import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.ui.Background;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdminViewModelTest {

    private static final ProductProfile PROFILE = new ProductProfile("sensor-f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.READOUT_PROTECTED, "HM-F4-", "Acme", Duration.ofDays(3650));

    private final Queue<Runnable> worker = new ArrayDeque<>();
    private final AtomicInteger hsmChecks = new AtomicInteger();

    private AdminViewModel model(PartCheck fixtureCheck) {
        StationSettings settings = new StationSettings(List.of(PROFILE), List.of(
                new StationSettings.Part("HSM", List.of(new StationSettings.Setting("Token label", "hallmark")), () -> {
                    hsmChecks.incrementAndGet();
                    return new PartCheck.Result(true, "SoftHSM token 'hallmark', logged in");
                }),
                new StationSettings.Part("Fixture F1", List.of(), fixtureCheck)));
        return new AdminViewModel(settings, new Background(worker::add, Runnable::run));
    }

    @Test
    void profilesShowWhatTheyRecordAndNameTheClassAsNotRecorded() {
        AdminViewModel.ProfileRow row = model(() -> null).profiles().get(0);

        assertThat(row.name()).isEqualTo("sensor-f4");
        assertThat(row.keyType()).isEqualTo("EC_P256");
        assertThat(row.custody()).isEqualTo("INJECTED");
        assertThat(row.lockLevel()).isEqualTo("READOUT_PROTECTED");
        assertThat(row.isoClass()).isEqualTo("not recorded (custody fits Class 1)");
        assertThat(row.validity()).isEqualTo("3650 days");
    }

    @Test
    void aConnectionTestRunsOffTheFxThreadOnceAndShowsItsResult() {
        PartViewModel hsm = model(() -> null).parts().get(0);

        hsm.testConnection();
        hsm.testConnection();
        assertThat(hsm.testingProperty().get()).isTrue();
        assertThat(hsm.resultProperty().get()).isEqualTo("Testing HSM…");
        assertThat(worker).hasSize(1);

        worker.poll().run();
        assertThat(hsmChecks).hasValue(1);
        assertThat(hsm.okProperty().get()).isTrue();
        assertThat(hsm.resultProperty().get()).isEqualTo("OK: SoftHSM token 'hallmark', logged in");
        assertThat(hsm.testingProperty().get()).isFalse();
    }

    @Test
    void aFailingPartIsShownAsFailed() {
        PartViewModel fixture = model(() -> new PartCheck.Result(false, "HM-301 device: no answer")).parts().get(1);

        fixture.testConnection();
        worker.poll().run();

        assertThat(fixture.okProperty().get()).isFalse();
        assertThat(fixture.resultProperty().get()).isEqualTo("FAILED: HM-301 device: no answer");
    }
}
