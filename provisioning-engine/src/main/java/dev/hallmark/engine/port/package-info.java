/** Ports the engine drives: the device link, the key store, the certificate issuer and the audit store; adapters implement them. */
package dev.hallmark.engine.port;
