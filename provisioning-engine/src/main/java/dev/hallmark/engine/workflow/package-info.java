/** One unit's journaled path through the steps of DESIGN.md, and the runner that feeds units to fixtures. */
package dev.hallmark.engine.workflow;
