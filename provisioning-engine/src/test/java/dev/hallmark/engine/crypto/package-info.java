/** Tests of the engine's crypto helpers. */
package dev.hallmark.engine.crypto;
