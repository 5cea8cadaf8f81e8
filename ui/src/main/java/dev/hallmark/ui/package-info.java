/** The station's JavaFX window and its entry points; each screen lives in its own sub-package. */
package dev.hallmark.ui;
