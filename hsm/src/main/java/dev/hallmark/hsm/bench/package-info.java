/** `hallmark bench hsm`: keygen + CSR signature throughput through the key store against a bare wrapper loop. */
package dev.hallmark.hsm.bench;
