package dev.hallmark.app.metrics;

import dev.hallmark.engine.api.ProvisioningException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decorates a part of the station (HSM, CA, audit database) behind its ports: every call is timed as {@code
 * hallmark_part_call_seconds{part,method}} and every failure counted as {@code
 * hallmark_part_errors_total{part,method,code}}. The decorator implements every interface the part implements, so
 * the optional capabilities (revocation, rework records) stay visible; it changes nothing else.
 */
final class MeteredPort implements InvocationHandler {

    private final Object target;
    private final String part;
    private final MeterRegistry registry;

    private MeteredPort(Object target, String part, MeterRegistry registry) {
        this.target = target;
        this.part = part;
        this.registry = registry;
    }

    /** {@code target} behind a timing decorator, as {@code port}; null stays null. */
    static <T> T of(Class<T> port, T target, String part, MeterRegistry registry) {
        if (target == null) {
            return null;
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(port);
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                    interfaces.add(i);
                }
            }
        }
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                new MeteredPort(target, part, registry));
        return port.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "metered " + target;
                default -> method.invoke(target, args);
            };
        }
        long start = System.nanoTime();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String code = cause instanceof ProvisioningException p ? p.code().id() : cause.getClass().getSimpleName();
            Counter.builder("hallmark.part.errors").description("failed calls to the station's parts")
                    .tag("part", part).tag("method", method.getName()).tag("code", code).register(registry)
                    .increment();
            throw cause;
        } finally {
            Timer.builder("hallmark.part.call").description("calls to the station's parts (HSM, CA, database)")
                    .tag("part", part).tag("method", method.getName()).publishPercentileHistogram()
                    .minimumExpectedValue(java.time.Duration.ofNanos(100_000))
                    .maximumExpectedValue(java.time.Duration.ofSeconds(60))
                    .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
