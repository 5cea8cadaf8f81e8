package dev.hallmark.ca.cmp;

/** How an ir or cr proves possession of the device key (a p10cr proves it by the CSR's own signature). */
public enum PopMethod {
    /** A signature by the device key over the CRMF CertRequest, made through a {@link PopSigner}. */
    DEVICE_SIGNATURE,
    /**
     * raVerified: the station acts as an RA, verifies the CSR's signature by the device key itself, and tells
     * the CA so. The CA must be configured to trust the station for this (OpenSSL: {@code -accept_raverified}).
     */
    RA_VERIFIED
}
