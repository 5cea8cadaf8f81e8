/** The engine's public vocabulary: steps, results, profiles, errors and progress events, used by the UI and the CLI. */
package dev.hallmark.engine.api;
