package dev.hallmark.bench;

import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.ca.embedded.EmbeddedCa;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded CA as the station runs it by default: a fresh SoftHSM2 token in the workspace (on tmpfs), root
 * and issuing CA keys generated in it, the CA directory beside it. The token's PINs are random and never leave
 * the process. SoftHSM2 reads SOFTHSM2_CONF at C_Initialize, so the process must have been started with it
 * naming {@link #softHsmConf(Path)}.
 */
final class EmbeddedCaSetup {

    static final String TOKEN_LABEL = "hallmark-bench";
    private static final int PIN_LENGTH = 20;

    private EmbeddedCaSetup() {
    }

    /** Where the token's SoftHSM2 configuration lives in {@code workspace}: SOFTHSM2_CONF must name it. */
    static Path softHsmConf(Path workspace) {
        return SoftHsmToken.confFile(hsmDir(workspace));
    }

    /** Creates token and CA; {@code sessions} is the size of the token's session pool. */
    static IssuerUnderTest open(Path workspace, int sessions, SecureRandom random, AtomicInteger serials)
            throws ProvisioningException {
        char[] soPin = SecretFile.randomPin(random, PIN_LENGTH);
        char[] userPin = SecretFile.randomPin(random, PIN_LENGTH);
        Pkcs11Station station;
        try {
            SoftHsmToken.initialize(hsmDir(workspace), TOKEN_LABEL, soPin, userPin);
            station = Pkcs11Station.open(SoftHsmToken.defaultModule(), TOKEN_LABEL, userPin, sessions);
        } finally {
            Arrays.fill(soPin, '\0');
            Arrays.fill(userPin, '\0');
        }
        try {
            EmbeddedCa ca = EmbeddedCa.initialize(station.keyStore(), workspace.resolve("embedded-ca"),
                    "Hallmark Bench", Clock.systemUTC(), random);
            return new IssuerUnderTest(IssuerKind.EMBEDDED, ca,
                    UnitRequests.freshKeys(DemoProfile.STM32F4, random, serials), List.of(station::close));
        } catch (ProvisioningException | RuntimeException e) {
            station.close();
            throw e;
        }
    }

    private static Path hsmDir(Path workspace) {
        return workspace.resolve("hsm");
    }
}
