/** The STM32 system bootloader (ST AN3155) over a serial port: identify, key slot write and read, readout lock. */
package dev.hallmark.fuse.stm32;
