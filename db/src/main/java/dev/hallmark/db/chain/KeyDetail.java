package dev.hallmark.db.chain;

import java.util.StringJoiner;

/**
 * The detail of a KEY_RECORDED event: the fields of its {@code key_references} row as one line of
 * {@code name=value} pairs in a fixed order, {@code -} for an unknown value (none of the values contains a space or
 * '='). The store writes it from the key reference, the verifier rebuilds it from the row; both must agree.
 */
public final class KeyDetail {

    private KeyDetail() {
    }

    /** The detail for a key reference row's fields. */
    public static String of(String tokenLabel, String tokenSerial, String alias, String ckaId, String keyType,
                            String publicKeySha256, String publicKey, String policy, Boolean sensitive,
                            Boolean extractable, Boolean neverExtractable, boolean observed) {
        StringJoiner j = new StringJoiner(" ");
        j.add("token=" + value(tokenLabel)).add("token_serial=" + value(tokenSerial)).add("alias=" + value(alias))
                .add("cka_id=" + value(ckaId)).add("type=" + value(keyType))
                .add("public_key_sha256=" + value(publicKeySha256)).add("public_key=" + value(publicKey))
                .add("policy=" + value(policy)).add("sensitive=" + value(sensitive))
                .add("extractable=" + value(extractable)).add("never_extractable=" + value(neverExtractable))
                .add("attributes=" + (observed ? "observed" : "requested"));
        return j.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "-";
        }
        return v.toString().replace(' ', '_').replace('=', '_');
    }
}
