/** Simulated STM32 targets (ST AN3155 system bootloader) served on pseudo-terminals, standing in for bench hardware. */
package dev.hallmark.sim;
