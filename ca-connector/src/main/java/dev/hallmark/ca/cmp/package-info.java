/**
 * A CMP client (RFC 4210 with the lightweight profile of RFC 9483) behind the engine's
 * {@link dev.hallmark.engine.port.CertificateIssuer} port: {@link dev.hallmark.ca.cmp.CmpIssuer}.
 *
 * <p>What each request type needs:
 * <ul>
 *   <li>{@code P10CR}: the engine's PKCS#10 request is sent as it is; its signature by the device key is the
 *       proof of possession, so nothing beyond the CSR is needed. The default for token-held device keys.</li>
 *   <li>{@code IR} and {@code CR}: a CRMF request built from the CSR's subject, public key and requested
 *       extensions. Proof of possession is either a fresh signature by the device key over the CertRequest
 *       ({@link dev.hallmark.ca.cmp.PopMethod#DEVICE_SIGNATURE}, through a {@link dev.hallmark.ca.cmp.PopSigner}
 *       that reaches the device key), or {@link dev.hallmark.ca.cmp.PopMethod#RA_VERIFIED}: the station, acting
 *       as an RA, verifies the CSR's signature itself and the CA must be configured to accept raVerified.</li>
 * </ul>
 * Messages are protected with a shared secret (PBM, RFC 4210 5.1.3.1) or with the station's CMP key behind
 * {@link dev.hallmark.ca.cmp.CmpSigner}; every reply must be protected and verify, or the issue fails.
 * The pieces: {@code RequestBodies} builds bodies, {@code MacProtection} / {@code SignatureProtection} protect
 * and verify, {@code CmpTransaction} keeps transactionID and nonces, {@code CertResponseReader} and
 * {@code CmpFailures} read replies, {@code HttpTransport} and {@code HttpReply} post {@code application/pkixcmp},
 * one connection per message.
 */
package dev.hallmark.ca.cmp;
