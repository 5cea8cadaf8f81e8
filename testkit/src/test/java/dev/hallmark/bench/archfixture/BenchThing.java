package dev.hallmark.bench.archfixture;

/** Stands for a benchmark class in the architecture rules' test. */
public final class BenchThing {
}
