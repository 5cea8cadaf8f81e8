package dev.hallmark.engine.api;

/** The kind of key pair a product profile asks for, with the signature algorithm used with it (JCA name). */
public enum KeySpec {
    EC_P256("secp256r1", "SHA256withECDSA"),
    EC_P384("secp384r1", "SHA384withECDSA"),
    ED25519("Ed25519", "Ed25519"),
    RSA_2048("2048", "SHA256withRSA"),
    RSA_3072("3072", "SHA256withRSA");

    private final String curveOrSize;
    private final String signatureAlgorithm;

    KeySpec(String curveOrSize, String signatureAlgorithm) {
        this.curveOrSize = curveOrSize;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The named curve (EC) or modulus size (RSA). */
    public String curveOrSize() {
        return curveOrSize;
    }

    /** JCA name of the signature algorithm; {@code DeviceKeyStore.sign} returns signatures in its encoding. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
