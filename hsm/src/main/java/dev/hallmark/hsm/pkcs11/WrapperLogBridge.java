package dev.hallmark.hsm.pkcs11;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Sends the IAIK wrapper's own log lines to SLF4J instead of stdout. The wrapper is chatty: its info lines go
 * to debug and its debug lines to trace.
 */
public final class WrapperLogBridge implements Logger {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("org.xipki.pkcs11.wrapper");

    private WrapperLogBridge() {
    }

    /** Installs the bridge once per JVM; call before the first PKCS11Module is created. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            StaticLogger.setLogger(new WrapperLogBridge());
        }
    }

    @Override
    public void info(String format, Object... arguments) {
        LOG.debug(format, arguments);
    }

    @Override
    public void warn(String format, Object... arguments) {
        LOG.warn(format, arguments);
    }

    @Override
    public void error(String format, Object... arguments) {
        LOG.error(format, arguments);
    }

    @Override
    public void debug(String format, Object... arguments) {
        LOG.trace(format, arguments);
    }

    @Override
    public void trace(String format, Object... arguments) {
        LOG.trace(format, arguments);
    }

    @Override
    public boolean isDebugEnabled() {
        return LOG.isTraceEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isTraceEnabled() {
        return LOG.isTraceEnabled();
    }
}
