/** In-memory fakes of the engine's ports, with small fault-injection hooks, for fast unit tests only. */
package dev.hallmark.testkit.fake;
