/** Tests of the engine's public API types. */
package dev.hallmark.engine.api;
