/** The embedded default HSM: a SoftHSM2 token in the station's data directory, initialised through PKCS#11. */
package dev.hallmark.hsm.softhsm;
