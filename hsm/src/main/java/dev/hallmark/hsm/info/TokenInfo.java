package dev.hallmark.hsm.info;

import java.util.List;
import java.util.Set;

/**
 * A token as C_GetTokenInfo, its slot and its mechanism list describe it; nothing here needs or shows a PIN.
 *
 * @param slotId          the slot it sits in now
 * @param label           the token label, unpadded
 * @param serial          the serial number, unpadded
 * @param manufacturer    the manufacturer ID
 * @param model           the model
 * @param hardwareVersion the hardware version, "major.minor"
 * @param firmwareVersion the firmware version, "major.minor"
 * @param hardware        whether it is a hardware token: its slot has CKF_HW_SLOT
 * @param initialized     CKF_TOKEN_INITIALIZED
 * @param loginRequired   CKF_LOGIN_REQUIRED
 * @param loggedIn        whether this process is logged in as user to it right now
 * @param userPin         what the flags say of the user PIN (empty: nothing to report)
 * @param soPin           what the flags say of the security officer's PIN
 * @param sessions        sessions open on it (all processes), or -1 when the token does not say
 * @param mechanisms      the mechanisms it offers, in the order it lists them
 */
public record TokenInfo(long slotId, String label, String serial, String manufacturer, String model,
        String hardwareVersion, String firmwareVersion, boolean hardware, boolean initialized, boolean loginRequired,
        boolean loggedIn, Set<PinState> userPin, Set<PinState> soPin, long sessions, List<MechanismInfo> mechanisms) {

    public TokenInfo {
        userPin = Set.copyOf(userPin);
        soPin = Set.copyOf(soPin);
        mechanisms = List.copyOf(mechanisms);
    }

    /** Whether the token offers the mechanism {@code code} (CKM_). */
    public boolean supports(long code) {
        return mechanisms.stream().anyMatch(m -> m.code() == code);
    }

    /**
     * One line for logs and audit records, e.g. {@code IBM SW TPM token 'dev' (hardware, serial 0000000000000000,
     * firmware 25.35)}.
     */
    public String description() {
        String maker = (manufacturer + " " + model).replaceAll("\\s+", " ");
        return maker + " token '" + label + "' (" + (hardware ? "hardware" : "software") + ", serial " + serial
                + ", firmware " + firmwareVersion + ")";
    }
}
