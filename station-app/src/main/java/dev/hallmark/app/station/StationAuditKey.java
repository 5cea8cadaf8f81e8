package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The station's audit key: an EC P-256 pair generated in the station token (never extractable) that signs
 * the audit chain's checkpoints. Its public key fingerprint is written to {@code audit-signer.sha256} for
 * auditors to pin (`hallmark audit verify --trust-key-sha256`).
 */
public final class StationAuditKey {

    /** The key's label in the token. */
    public static final String ALIAS = "hallmark-station-audit";
    /** The file, in the data directory, holding the fingerprint auditors pin. */
    public static final String FINGERPRINT_FILE = "audit-signer.sha256";

    private StationAuditKey() {
    }

    static CheckpointSigner signer(DeviceKeyStore keys, DataDir dir, Consumer<String> say) throws ProvisioningException {
        var found = keys.find(ALIAS);
        KeyHandle key = found.isPresent() ? found.get() : keys.generate(KeySpec.EC_P256, ALIAS,
                KeyPolicy.TOKEN_NON_EXTRACTABLE);
        CheckpointSigner signer = new CheckpointSigner(keys, key);
        Path fingerprint = dir.root().resolve(FINGERPRINT_FILE);
        if (found.isEmpty() || !Files.exists(fingerprint)) {
            try {
                Files.writeString(fingerprint, signer.keySha256() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the audit key fingerprint " + fingerprint
                        + " cannot be written", e.getMessage(), e);
            }
            say.accept("created the station audit key in the token (checkpoints of the audit chain are signed with it;"
                    + " fingerprint in " + fingerprint + ")");
        }
        return signer;
    }
}
