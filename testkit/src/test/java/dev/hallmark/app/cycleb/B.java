package dev.hallmark.app.cycleb;

import dev.hallmark.app.cyclea.A;

/** The other half of a package loop, for the architecture rules' test. */
public final class B {
    public A other() {
        return null;
    }
}
