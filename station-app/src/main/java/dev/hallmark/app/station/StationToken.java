package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.TokenSection;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Path;

/**
 * The station token to open: what station.yaml's {@code hsm:} section names, each setting defaulting to the
 * embedded default — the module given on the command line (SoftHSM2 unless told otherwise), the token labelled
 * {@value EmbeddedStation#TOKEN_LABEL}, the PIN in {@code secrets/hsm-pin}.
 *
 * @param module   the PKCS#11 library
 * @param selector the token
 * @param pin      where its user PIN comes from
 * @param embedded whether this is the embedded default, which the station creates when it is missing
 */
record StationToken(Path module, TokenSelector selector, PinSource pin, boolean embedded) {

    static StationToken of(TokenSection hsm, DataDir dir, Path commandLineModule) throws ProvisioningException {
        String where = "the station token (hsm: in station.yaml)";
        Path module = hsm.module() != null ? hsm.module() : commandLineModule;
        boolean namesToken = hsm.tokenLabel() != null || hsm.tokenSerial() != null;
        TokenSelector selector = namesToken ? hsm.selector(where) : TokenSelector.byLabel(EmbeddedStation.TOKEN_LABEL);
        PinSource pin = hsm.pinSource(where, PinSource.file(dir.hsmPin()));
        boolean embedded = module.equals(SoftHsmToken.defaultModule()) && !namesToken && hsm.pin() == null;
        return new StationToken(module, selector, pin, embedded);
    }
}
