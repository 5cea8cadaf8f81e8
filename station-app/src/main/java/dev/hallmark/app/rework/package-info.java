/** Rework as the station configures it: whether a rework needs a second person. The rework itself is the engine's. */
package dev.hallmark.app.rework;
