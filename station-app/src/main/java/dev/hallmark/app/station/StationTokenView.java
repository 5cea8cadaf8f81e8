package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ChainHeadWitness;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The station token as the auditor's commands reach it (decision 0018): the public key of the audit key, the audit
 * head counter, and a checkpoint signer for anchoring refusals at once. Opened only where the token and its PIN are
 * at hand; never creates a token, key or CA.
 */
public final class StationTokenView implements AutoCloseable {

    private final Pkcs11Station hsm;
    private final KeyHandle key;
    private final String station;
    private final boolean owned;

    private StationTokenView(Pkcs11Station hsm, KeyHandle key, String station, boolean owned) {
        this.hsm = hsm;
        this.key = key;
        this.station = station;
        this.owned = owned;
    }

    /** The token of an open station (the window's): closing the view leaves the station's token open. */
    public static StationTokenView of(EmbeddedStation open) throws ProvisioningException {
        KeyHandle key = open.keys().find(StationAuditKey.ALIAS).orElseThrow(() -> new ProvisioningException(
                dev.hallmark.engine.api.ErrorCode.HSM_KEY_MISSING, "the station audit key is not in the token"));
        return new StationTokenView(open.hsm(), key, open.config().stationId(), false);
    }

    /** The token of the station in {@code dir}, or empty (with the reason through {@code why}) where it is out of reach. */
    public static Optional<StationTokenView> open(DataDir dir, Path module, Consumer<String> why) {
        try {
            StationConfig config = StationConfig.load(dir.root());
            StationToken token = StationToken.of(config.hsm(), dir, module);
            if (token.embedded() && !Files.exists(dir.hsmPin())) {
                why.accept("the station token's PIN (" + dir.hsmPin() + ") is not at hand");
                return Optional.empty();
            }
            Pkcs11Station hsm = Pkcs11Station.open(token.module(), token.selector(), token.pin(), 2);
            try {
                Optional<KeyHandle> key = hsm.keyStore().find(StationAuditKey.ALIAS);
                if (key.isEmpty()) {
                    why.accept("the station token holds no audit key '" + StationAuditKey.ALIAS + "'");
                    hsm.close();
                    return Optional.empty();
                }
                return Optional.of(new StationTokenView(hsm, key.get(), config.stationId(), true));
            } catch (ProvisioningException | RuntimeException e) {
                hsm.close();
                throw e;
            }
        } catch (ProvisioningException e) {
            why.accept("the station token cannot be opened: " + e.oneLine());
            return Optional.empty();
        }
    }

    /** The token's key store (the audit key signs there and never leaves it). */
    public DeviceKeyStore keys() {
        return hsm.keyStore();
    }

    /** The station audit key in the token. */
    public KeyHandle auditKey() {
        return key;
    }

    /** The station's id in the audit records. */
    public String station() {
        return station;
    }

    /** SHA-256 of the token's audit public key (SubjectPublicKeyInfo DER), lower-case hex. */
    public String auditKeySha256() {
        return signer().keySha256();
    }

    /** A checkpoint signer on the token's audit key that also advances the token's head counter. */
    public CheckpointSigner signer() {
        return new CheckpointSigner(hsm.keyStore(), key).withWitness(hsm.headCounter());
    }

    /** The head the token's counter holds for this station (empty before its first checkpoint). */
    public List<ChainHeadWitness.Head> heads() throws ProvisioningException {
        return hsm.headCounter().read(station).map(List::of).orElse(List.of());
    }

    @Override
    public void close() {
        if (owned) {
            hsm.close();
        }
    }
}
