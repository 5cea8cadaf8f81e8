package dev.hallmark.engine.api;

/**
 * Stable, numbered error codes; each names the part at fault and what the person at the bench should do.
 * The numbers are documented in docs/error-codes.md and never reused.
 */
public enum ErrorCode {
    CONFIG_INVALID(100, "configuration", "check the command line and the configuration"),
    DATA_DIR_UNUSABLE(101, "data directory", "choose a writable --data-dir"),
    HSM_MODULE_MISSING(200, "HSM", "install the PKCS#11 module or correct its path"),
    HSM_TOKEN_NOT_FOUND(201, "HSM", "check the token label and that the token is present"),
    HSM_PIN_INCORRECT(202, "HSM", "correct the PIN file; do not retry blindly, the token locks after repeated failures"),
    HSM_PIN_LOCKED(203, "HSM", "the token's user PIN is locked; the security officer must reset it"),
    HSM_KEY_MISSING(204, "HSM", "the expected key is not in the token; restore it or re-initialise the station"),
    HSM_OPERATION_FAILED(205, "HSM", "see the station log for the PKCS#11 return code"),
    HSM_MECHANISM_UNSUPPORTED(206, "HSM", "use a token that supports the mechanism, or change the product profile"),
    KEK_PRODUCTION_MISSING(230, "HSM", "run the transport-key ceremony first: 'hallmark kek import --split 2' (or --wrapped FILE from the vendor), see docs/hsm.md; a simulated KEK is never used on real ports"),
    KEK_MIXED(231, "lot", "a lot is provisioned under one kind of transport KEK: run simulated boards (sim: ports) and real ports in separate lots"),
    KEK_CEREMONY_REFUSED(232, "KEK ceremony", "check the components (64 hex digits each) or the wrapped key file against the vendor's KCVs and run the ceremony again; nothing was stored"),
    KEK_ALREADY_PRESENT(233, "HSM", "the token already holds a production transport KEK; for rotation retire it first with 'hallmark kek retire'"),
    DEVICE_PORT_NOT_FOUND(300, "fixture", "check the fixture's serial port path and its cable"),
    DEVICE_PORT_PERMISSION(324, "fixture", "add the station's user to the dialout group ('sudo usermod -aG dialout USER', then sign in again) or install the udev rule of docs/fixtures.md"),
    DEVICE_NOT_RESPONDING(301, "device", "check that the device is powered and in bootloader mode, then reseat it"),
    DEVICE_NACK(302, "device", "the device refused a command; reseat it and retry, or send it to rework"),
    DEVICE_PROTOCOL_ERROR(303, "device", "the device answered out of protocol; reseat it and retry"),
    DEVICE_UNSUPPORTED(304, "device", "the device is not of the chip family the product profile expects"),
    DEVICE_ALREADY_LOCKED(305, "device", "the device is already read-protected; send it to rework"),
    DEVICE_READBACK_MISMATCH(306, "device", "the identity did not read back as written; send the unit to rework"),
    DEVICE_LOCK_NOT_VERIFIED(307, "device", "the debug lock could not be verified; quarantine the unit"),
    DEVICE_LOCK_LEVEL_UNAVAILABLE(308, "device", "this chip family has no such lock level (the STM32F1 has no RDP level 2); choose the readout level or another part"),
    DEVICE_RETRIES_EXHAUSTED(309, "device", "the device kept failing after bounded retries and re-syncs; reseat it and retry, or send it to rework"),
    DEVICE_OPTION_BYTES_INVALID(310, "device", "the option bytes read back inconsistent (value and complement differ); quarantine the unit"),
    CA_KEY_MISSING(400, "CA", "the CA key is not in the token; run 'hallmark ca init' on a new station or restore the token"),
    CA_UNAVAILABLE(401, "CA", "check that the CA is reachable; units wait and resume when it returns"),
    CA_REQUEST_REJECTED(402, "CA", "the CA refused the request; check the product profile against the CA's profile"),
    CA_CERTIFICATE_INVALID(403, "CA", "the CA returned a certificate that does not match the request; check the CA configuration"),
    CA_NO_ANSWER(404, "CA", "the CA took the request but did not answer in time; check the CA for a certificate issued to this unit"),
    CA_PROTOCOL_ERROR(405, "CA", "the CA answered out of protocol (malformed or unprotected reply); check the CA's URL and version"),
    CA_AUTHENTICATION_FAILED(406, "CA", "the CA refused the station's credentials; check the shared secret or client certificate"),
    DEVICE_EFUSE_BURN_FAILED(314, "device", "an eFuse did not read back as burnt; quarantine the unit, it may be partly locked"),
    DEVICE_EFUSE_PROTECTED(315, "device", "an eFuse the lock needs is write-protected in another state; send the unit to rework"),
    DEVICE_SECURE_BOOT_KEY_MISSING(316, "device", "burn the secure boot key digest before this station, or lock without requiring secure boot"),
    REWORK_PERMANENT_LOCK(317, "device", "a permanent lock (RDP level 2, eFuses) cannot be undone; scrap the unit"),
    REWORK_WRONG_DEVICE(318, "device", "the wiped device's UID is not the named unit's; rework the unit that UID belongs to and check the fixture"),
    REWORK_STILL_PROTECTED(319, "device", "the device still refuses reads after READOUT_UNPROTECT; power-cycle it and run the rework again"),
    DEVICE_SECURE_BOOT_DIGEST_MISMATCH(320, "device", "the secure boot key digest did not read back as the profile's; quarantine the unit"),
    DEVICE_SECURE_BOOT_OTHER_DIGEST(321, "device", "the chip already holds another secure boot key digest; check the profile's signing key, or send the unit to rework"),
    DEVICE_NO_FREE_KEY_BLOCK(322, "device", "no free eFuse key block is left for the secure boot digest; send the unit to rework"),
    DEVICE_LOCK_CONTRADICTED(330, "device", "the device's answers after the lock and a fresh identify contradict its claim to be locked (a fault, or something on the serial line that lies); quarantine the unit and check the fixture's wiring"),
    LOCK_NOT_WITNESSED(331, "device", "the profile requires the debug probe's witness of the lock and it was not had; check the fixture's probe and quarantine the unit"),
    DEVICE_SECURE_BOOT_NOT_CONFIRMED(323, "device", "secure boot could not be confirmed from outside after the lock; quarantine the unit"),
    AUDIT_WRITE_FAILED(500, "audit database", "check disk space and the database connection; nothing irreversible was done"),
    AUDIT_DUPLICATE(501, "audit database", "this device or serial is already recorded; take the unit off the line"),
    AUDIT_UNAVAILABLE(502, "audit database", "check the database path or server and that no other process holds it"),
    AUDIT_HEAD_COUNTER_UNREADABLE(510, "audit database", "the token's audit head counter was changed outside the station; treat the audit record as suspect and call the auditor"),
    AUDIT_TRUST_LIST_INVALID(511, "audit database", "give one 'station-id sha256' pair per line (64 lower-case hex digits); '#' starts a comment"),
    AUDIT_PIN_INVALID(512, "audit database", "give --trust-key-sha256 as the 64 lower-case hex digits of the station audit key's SHA-256"),
    LOT_QUOTA_REACHED(600, "lot", "the lot has as many units as its quota; open a new lot to build more"),
    LOT_CLOSED(601, "lot", "the lot is closed; open a new lot to build more"),
    LOT_MISMATCH(602, "lot", "the lot was opened with another profile, quota or serial scheme; run it with the same options or choose a new lot name"),
    LOT_MANIFEST_INVALID(603, "lot", "correct the manifest rows named and run the command again"),
    LOT_SERIALS_EXHAUSTED(604, "lot", "every serial of the lot's manifest is used; open a new lot with a new manifest"),
    LOT_IRREVERSIBLE_NOT_CONFIRMED(605, "lot", "this profile's lock cannot be undone; add --confirm-irreversible if that is intended"),
    LOT_SERIAL_PATTERN_INVALID(606, "lot", "give a serial pattern with one {counter} or {counter:NN} field, e.g. HM-F4-{counter:06}"),
    LOT_NAME_INVALID(610, "lot", "use 1 to 64 of A-Z a-z 0-9 . _ / -, starting with a letter or digit, for lot names and scanned labels"),
    ACCESS_DENIED(700, "access", "sign in as an operator whose role allows this action (docs/access-control.md)"),
    SIGN_IN_FAILED(701, "access", "check the operator name and password; the account locks after repeated failures"),
    ACCOUNT_LOCKED(702, "access", "an admin must unlock the account with 'hallmark operator passwd NAME'"),
    APPROVAL_REQUIRED(703, "access", "a second operator with the supervisor or admin role must approve with --approver NAME"),
    APPROVAL_INVALID(704, "access", "the approver must be a different operator with the supervisor or admin role"),
    PASSWORD_UNAVAILABLE(705, "access", "set HALLMARK_PASSWORD_FILE to a 0600 file, or run the command on a terminal"),
    OPERATOR_INVALID(706, "access", "check the operator's name and role with 'hallmark operator list'"),
    PASSWORD_WEAK(707, "access", "choose a password of at least 12 characters"),
    NOT_SIGNED_IN(708, "access", "sign in at the station window first; it signs out on request and after the idle limit"),
    LOCK_NOT_CONFIRMED(709, "access", "confirm the permanent lock in the panel above the bench (type the lot's name; a supervisor approves where the two-person rule is on)"),
    REWORK_REFUSED(713, "rework", "name a sealed unit that was not reworked before (hallmark audit export to find it)"),
    REWORK_NOT_LOCKED(714, "rework", "the device is not readout-protected: nothing to unprotect; provision it as it is"),
    REWORK_UNSUPPORTED(715, "rework", "this chip family has no readout unprotect over its boot loader; rework it at the bench"),
    LAST_ADMIN(730, "access", "the last active admin cannot be locked or disabled; add a second admin first, or unlock with 'hallmark operator unlock NAME --break-glass'"),
    BREAK_GLASS_REFUSED(731, "access", "the token refused the security officer PIN; the SO must give the token's SO PIN (prompt or a 0600 file)"),
    CONFORMITY_PREREQUISITE_UNMET(720, "conformity", "use parts that meet the class, or claim a lower class in the product profile (docs/conformity.md)"),
    CONFORMITY_EVIDENCE_UNAVAILABLE(721, "conformity", "the token did not answer the attribute read-back; see the station log"),
    CONFORMITY_KEY_INVALID(723, "conformity", "the profile's signing key or customer key cannot be read; name a PEM public key file of the documented kind (docs/conformity.md)"),
    UNIT_SECRET_WRAP_FAILED(724, "conformity", "the per-unit secret could not be wrapped for the customer's key; check the key in the profile"),
    REPORT_FAILED(722, "conformity report", "check that the output directory is writable and has space"),
    REPORT_SIGNATURE_INVALID(725, "conformity report", "the report was changed after it was signed, or not signed by the pinned station audit key; ask the station for the original"),
    REPORT_OUT_OF_DATE(726, "conformity report", "the audit database no longer gives the report's numbers: run 'hallmark audit verify' to find the changed records"),
    INTERRUPTED(800, "station", "the run was interrupted; run the same command again to continue"),
    INTERRUPTED_DEVICE_CHANGED(801, "station", "the station stopped while the unit was under way and its device is no longer on the fixture; the unit is closed, its certificate revoked"),
    INTERRUPTED_LOCK_UNEXPLAINED(802, "station", "the device on the fixture is locked although this unit never locked it; take it off the line for rework"),
    INTERRUPTED_REVOCATION_FAILED(803, "station", "after a crash the certificate of the lost key could not be revoked, so no new one was issued; revoke it at the CA"),
    INTERNAL(900, "station", "this is a defect; keep the station log and report it");

    private final int number;
    private final String part;
    private final String remedy;

    ErrorCode(int number, String part, String remedy) {
        this.number = number;
        this.part = part;
        this.remedy = remedy;
    }

    /** The stable number, as printed: {@code HM-202}. */
    public String id() {
        return "HM-" + number;
    }

    public int number() {
        return number;
    }

    /** The part of the station at fault, as an operator names it. */
    public String part() {
        return part;
    }

    /** What to do about it, in one plain sentence. */
    public String remedy() {
        return remedy;
    }
}
