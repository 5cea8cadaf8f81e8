/** Tests of the station's ISO/IEC 27402 wiring: what each chip family can confirm of secure boot. */
package dev.hallmark.app.conformity;
