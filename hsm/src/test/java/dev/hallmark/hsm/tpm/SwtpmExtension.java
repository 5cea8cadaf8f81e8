package dev.hallmark.hsm.tpm;

import dev.hallmark.hsm.swtpm.SwtpmToken;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives TPM tests the one {@link SwtpmToken} of this JVM: started before the first test that asks for it, stopped
 * when the whole run ends (JUnit closes resources of the root context store then).
 */
public final class SwtpmExtension implements ParameterResolver {

    /** The label of the device token the tests use. */
    public static final String LABEL = "device-tpm";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SwtpmExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SwtpmToken.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SwtpmToken.class, key -> start(), Resource.class).token();
    }

    private static Resource start() {
        try {
            return new Resource(SwtpmToken.forThisJvm(LABEL));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the swtpm fixture did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting swtpm", e);
        }
    }

    /** Stops the TPM when JUnit closes the root store. */
    private record Resource(SwtpmToken token) implements AutoCloseable {
        @Override
        public void close() {
            token.close();
        }
    }
}
