package dev.hallmark.app.cyclea;

import dev.hallmark.app.cycleb.B;

/** One half of a package loop, for the architecture rules' test. */
public final class A {
    public B other() {
        return null;
    }
}
