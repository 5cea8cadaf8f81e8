/** The architecture rules of DESIGN.md, shared by every module's ArchitectureTest. */
package dev.hallmark.testkit.arch;
