/** The station's Prometheus endpoint (Micrometer): units, steps, fixtures and the parts' calls (docs/operations.md). */
package dev.hallmark.app.metrics;
