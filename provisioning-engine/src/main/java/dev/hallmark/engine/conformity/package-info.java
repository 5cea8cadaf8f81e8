/** ISO/IEC 27402 classes: the prerequisites a station checks before the first unit, and the per-unit evidence of each control. */
package dev.hallmark.engine.conformity;
