/**
 * One lot session behind every front door ({@code provision}, {@code demo}, the station window): the lot plan, the
 * resume of units left under way, the class check before the first unit, per-unit conformity evidence and secrets,
 * the chip family's link and the key custody, wired once around the unit workflow (docs/decisions/0016-one-lot-session.md).
 */
package dev.hallmark.engine.lot;
