package dev.hallmark.ui.admin;

import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.PartCheck;
import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.ui.Background;
import java.util.List;
import java.util.Objects;

/**
 * The admin screen, read-only: the product profiles and the HSM, CA and fixture settings, each part with a
 * "test connection" that runs its {@link PartCheck} off the FX thread.
 */
public final class AdminViewModel {

    private final List<ProfileRow> profiles;
    private final List<PartViewModel> parts;

    public AdminViewModel(StationSettings settings, Background background) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(background, "background");
        this.profiles = settings.profiles().stream().map(ProfileRow::of).toList();
        this.parts = settings.parts().stream().map(p -> new PartViewModel(p, background)).toList();
    }

    /** One product profile as the admin table shows it. */
    public record ProfileRow(String name, String chipFamily, String keyType, String custody, String subjectTemplate,
                             String lockLevel, String isoClass, String serialPrefix, String validity) {

        static ProfileRow of(ProductProfile p) {
            return new ProfileRow(p.name(), p.chipFamily(), p.keySpec().name(), p.custody().name(),
                    p.subject().pattern(), p.lockLevel().name(), isoClass(p.custody()), p.serialPrefix(),
                    p.noWellDefinedExpiry() ? "no well-defined expiry" : p.validity().toDays() + " days");
        }

        /**
         * The profile records no ISO/IEC 27402 class; the custody bounds it (DESIGN.md: injected keys serve Class 1,
         * on-device keys Class 2 and 3), shown as such rather than as a recorded class.
         */
        private static String isoClass(KeyCustody custody) {
            return custody == KeyCustody.INJECTED ? "not recorded (custody fits Class 1)"
                    : "not recorded (custody fits Class 2/3)";
        }
    }

    public List<ProfileRow> profiles() {
        return profiles;
    }

    public List<PartViewModel> parts() {
        return parts;
    }
}
