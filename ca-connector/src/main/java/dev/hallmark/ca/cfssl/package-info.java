/**
 * A client of CloudFlare cfssl's remote signing API ({@code /api/v1/cfssl/authsign}, HMAC-authenticated,
 * or {@code /api/v1/cfssl/sign}), over TLS with a pinned CA where configured; plus a throughput hook for
 * any {@link dev.hallmark.engine.port.CertificateIssuer}. cfssl decides the certificate's contents by its
 * profile; the engine verifies every certificate that comes back.
 */
package dev.hallmark.ca.cfssl;
