/**
 * The embedded CA: root and issuing CA keys inside the station's token, device certificates issued on the
 * station with the validity the configuration chooses, every issue and revocation recorded in the CA
 * directory, and the issuing CA's CRL signed in the token.
 */
package dev.hallmark.ca.embedded;
