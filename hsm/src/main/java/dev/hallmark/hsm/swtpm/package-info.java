/** A software TPM 2.0 (swtpm, tpm2-abrmd, tpm2-pkcs11) standing in for a device's TPM in benchmarks and tests. */
package dev.hallmark.hsm.swtpm;
