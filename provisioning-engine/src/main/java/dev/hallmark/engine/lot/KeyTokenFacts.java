package dev.hallmark.engine.lot;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Optional;

/** Reads the key tokens' own descriptions for the class check: the station token and each fixture's device token. */
public interface KeyTokenFacts {

    /** The station token, where injected device keys are born. */
    TokenFacts stationToken() throws ProvisioningException;

    /** The device token at the fixture (on-device custody), or empty when the station cannot read it. */
    Optional<TokenFacts> deviceToken(Fixture fixture) throws ProvisioningException;
}
