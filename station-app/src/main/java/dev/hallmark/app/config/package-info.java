/** The station's configuration file (station.yaml in the data directory): token, CA, product profiles. */
package dev.hallmark.app.config;
