/** Tests of the station's Prometheus endpoint. */
package dev.hallmark.app.metrics;
