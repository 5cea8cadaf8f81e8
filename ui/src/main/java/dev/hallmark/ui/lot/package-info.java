/** The lot dashboard: yield over time, failure Pareto by step and cause, and throughput, from the archive. */
package dev.hallmark.ui.lot;
