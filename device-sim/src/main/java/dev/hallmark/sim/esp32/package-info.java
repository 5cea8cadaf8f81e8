/**
 * A simulated ESP32-C3 in its ROM serial loader (Espressif's SLIP command protocol) with an eFuse controller
 * model, served on pseudo-terminals; written from Espressif's serial-protocol documentation and the ESP32-C3 TRM.
 */
package dev.hallmark.sim.esp32;
