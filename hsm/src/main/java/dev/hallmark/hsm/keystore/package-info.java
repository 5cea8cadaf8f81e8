/** The engine's DeviceKeyStore and KeyWrapper ports implemented on a PKCS#11 token opened by Pkcs11Station. */
package dev.hallmark.hsm.keystore;
