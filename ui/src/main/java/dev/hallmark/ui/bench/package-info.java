/** The operator's bench screen: lot header, one tile per fixture with the unit's step and result, and a status line. */
package dev.hallmark.ui.bench;
