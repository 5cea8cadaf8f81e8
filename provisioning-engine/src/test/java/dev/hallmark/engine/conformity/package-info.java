/** Tests of the ISO/IEC 27402 class prerequisites and the per-unit evidence. */
package dev.hallmark.engine.conformity;
