/** Certificate and signature plumbing shared by the engine and its adapters: token-backed signers, PEM, fingerprints. */
package dev.hallmark.engine.crypto;
