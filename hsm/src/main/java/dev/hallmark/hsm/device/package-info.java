/** On-device key custody: each fixture's device token (a TPM 2.0 through tpm2-pkcs11, a secure element) as the engine's DeviceTokens. */
package dev.hallmark.hsm.device;
