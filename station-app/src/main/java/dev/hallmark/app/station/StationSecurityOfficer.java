package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.SecurityOfficerCheck;
import dev.hallmark.hsm.softhsm.SoftHsmToken;

/** The break-glass proof: the station token (station.yaml's {@code hsm:}, else the embedded one) accepts the SO PIN. */
public final class StationSecurityOfficer {

    private StationSecurityOfficer() {
    }

    /** Returns if the station token accepts {@code soPin} as its security officer's (C_Login as SO); else HM-731. */
    public static String verify(DataDir dir, char[] soPin) throws ProvisioningException {
        StationToken token = StationToken.of(StationConfig.load(dir.root()).hsm(), dir, SoftHsmToken.defaultModule());
        SecurityOfficerCheck.verify(token.module(), token.selector(), soPin);
        return "the station token " + token.selector().describe() + " accepted the security officer PIN (C_Login as SO)";
    }
}
