package dev.hallmark.engine.api;

import java.security.PublicKey;
import java.util.HexFormat;

/**
 * The public keys a product profile names for its class: the firmware signing key as its Secure Boot V2 digest
 * (burnt into the chip and confirmed from outside at lock time), and the customer's key the per-unit secret is
 * wrapped for (docs/conformity.md). Either may be absent.
 *
 * @param secureBootDigest SHA-256 of the signing key's public key material (32 bytes), or null
 * @param customerKey      the customer's EC P-256 public key for ECIES, or null
 */
public record ProductKeys(byte[] secureBootDigest, PublicKey customerKey) {

    /** No signing key, no customer key. */
    public static final ProductKeys NONE = new ProductKeys(null, null);

    /** Length of a Secure Boot V2 key digest. */
    public static final int DIGEST_LENGTH = 32;

    public ProductKeys {
        if (secureBootDigest != null) {
            if (secureBootDigest.length != DIGEST_LENGTH) {
                throw new IllegalArgumentException("a secure boot key digest has 32 bytes, not "
                        + secureBootDigest.length);
            }
            secureBootDigest = secureBootDigest.clone();
        }
    }

    @Override
    public byte[] secureBootDigest() {
        return secureBootDigest == null ? null : secureBootDigest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProductKeys that && java.util.Arrays.equals(secureBootDigest, that.secureBootDigest)
                && java.util.Objects.equals(customerKey, that.customerKey);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(secureBootDigest) + java.util.Objects.hashCode(customerKey);
    }

    @Override
    public String toString() {
        return "ProductKeys[secureBootDigest=" + digestHex() + ", customerKey=" + (customerKey == null ? "-"
                : customerKey.getAlgorithm()) + "]";
    }

    /** Whether the profile names a firmware signing key. */
    public boolean signsFirmware() {
        return secureBootDigest != null;
    }

    /** The digest in lower-case hex, or {@code -}. */
    public String digestHex() {
        return secureBootDigest == null ? "-" : HexFormat.of().formatHex(secureBootDigest);
    }

    /** These keys with the digest replaced. */
    public ProductKeys withSecureBootDigest(byte[] digest) {
        return new ProductKeys(digest, customerKey);
    }

    /** These keys with the customer key replaced. */
    public ProductKeys withCustomerKey(PublicKey key) {
        return new ProductKeys(secureBootDigest, key);
    }
}
