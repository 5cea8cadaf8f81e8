/** The composition root: the hallmark command's entry point. */
package dev.hallmark.app;
