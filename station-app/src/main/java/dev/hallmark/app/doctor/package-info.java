/** {@code hallmark doctor}: a station checked before a shift, one result per item. */
package dev.hallmark.app.doctor;
