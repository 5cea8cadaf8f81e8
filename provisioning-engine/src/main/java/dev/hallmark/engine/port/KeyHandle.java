package dev.hallmark.engine.port;

import dev.hallmark.engine.api.KeySpec;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * A reference to a key pair inside a token; never the private key itself.
 *
 * @param alias     the key's label (CKA_LABEL)
 * @param id        the key's CKA_ID, hex
 * @param token     the label of the token holding it
 * @param publicKey the public half, read back from the token
 */
public record KeyHandle(String alias, String id, String token, KeySpec spec, KeyPolicy policy, PublicKey publicKey) {

    public byte[] idBytes() {
        return HexFormat.of().parseHex(id);
    }
}
