/**
 * The station's configuration: its data directory ({@code DataDir}), the secrets read from files in it
 * ({@code SecretFile}) and station.yaml (token, CA, product profiles). Imports nothing else of station-app.
 */
package dev.hallmark.app.config;
