package dev.hallmark.app.station;

import dev.hallmark.app.conformity.ConformityDeclarations;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.conformity.JdbcUnitSecrets;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.lot.KeyTokenFacts;
import dev.hallmark.engine.lot.LotParts;
import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.lot.LotStart;
import dev.hallmark.engine.lot.TokenFacts;
import dev.hallmark.engine.port.DeviceTokenInfo;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.hsm.info.TokenInfo;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Fills the engine's {@link LotParts} from the embedded station: its audit store and conformity tables, its token
 * (keys, attributes, wrapping, self-description), its CA, the chip families' links, the declared certification of
 * conformity.yaml and the fixtures' device tokens. Every front door opens its {@link LotSession} through here.
 */
public final class StationLots {

    private StationLots() {
    }

    /** The station's parts; {@code deviceTokens} are the fixtures' device tokens (on-device custody), or null. */
    public static LotParts parts(EmbeddedStation station, String stationId, Clock clock, SecureRandom random,
                                 DeviceTokens deviceTokens) throws ProvisioningException {
        ConformityDeclarations declared = ConformityDeclarations.load(station.dir().root());
        return new LotParts(stationId, station.store(), station.lots(), station.keys(), station.keys(), station.keys(),
                station.issuer(), clock,
                new JdbcConformityRecords(AuditDataSources.embedded(station.dir().audit()), station.database().store()),
                new JdbcUnitSecrets(AuditDataSources.embedded(station.dir().audit())),
                serial -> station.database().store().unitBySerial(serial).orElse(null),
                profile -> TargetLinks.forProfile(profile, clock),
                new Tokens(station, deviceTokens), deviceTokens, declared.certifiedModule(), random, null);
    }

    /** Opens the lot session on the station's parts (see {@link LotSession#open}). */
    public static LotSession open(EmbeddedStation station, String stationId, Clock clock, DeviceTokens deviceTokens,
                                  LotStart start, UnitListener listener) throws ProvisioningException {
        return open(station, stationId, clock, deviceTokens, start, listener, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #open}, with the parts passed through {@code decorate} first (e.g. timed for the metrics). */
    public static LotSession open(EmbeddedStation station, String stationId, Clock clock, DeviceTokens deviceTokens,
                                  LotStart start, UnitListener listener,
                                  java.util.function.UnaryOperator<LotParts> decorate) throws ProvisioningException {
        return LotSession.open(decorate.apply(parts(station, stationId, clock, new SecureRandom(), deviceTokens)), start,
                listener);
    }

    /** The station token and the PKCS#11 device tokens as they describe themselves. */
    private record Tokens(EmbeddedStation station, DeviceTokens deviceTokens) implements KeyTokenFacts {
        @Override
        public TokenFacts stationToken() throws ProvisioningException {
            return facts(station.hsm().tokenInfo());
        }

        @Override
        public Optional<TokenFacts> deviceToken(Fixture fixture) throws ProvisioningException {
            if (!(deviceTokens instanceof DeviceTokenInfo info)) {
                return Optional.empty();
            }
            DeviceTokenInfo.Description token = info.describe(fixture);
            return Optional.of(new TokenFacts(token.name(), token.hardware()));
        }

        private static TokenFacts facts(TokenInfo token) {
            return new TokenFacts(token.manufacturer().trim() + " '" + token.label() + "'", token.hardware());
        }
    }
}
