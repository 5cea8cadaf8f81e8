package dev.hallmark.db.archfixture;

/** Stands for an adapter's concrete class in the architecture rules' test. */
public final class AdapterThing {
}
