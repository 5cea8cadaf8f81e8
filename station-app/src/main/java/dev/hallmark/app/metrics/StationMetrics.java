package dev.hallmark.app.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SoftwareBuild;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyAttributeReader;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.engine.port.LotStore;
import dev.hallmark.engine.lot.LotParts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's Prometheus endpoint ({@code --metrics 127.0.0.1:9464}): a Micrometer registry served at {@code
 * /metrics} by the JDK's HTTP server, on a loopback address only. It meters the units through a {@link
 * UnitListener} and the HSM, CA and audit database by decorating the ports the composition root hands the engine.
 */
public final class StationMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StationMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final UnitMetrics units;

    private StationMetrics(PrometheusMeterRegistry registry, HttpServer server) {
        this.registry = registry;
        this.server = server;
        this.units = new UnitMetrics(registry);
    }

    /**
     * Serves the metrics at {@code host:port}, which must be a loopback address (the endpoint has no sign-in);
     * CONFIG_INVALID otherwise or when the port is taken.
     */
    public static StationMetrics serve(String hostPort, String station) throws ProvisioningException {
        InetSocketAddress address = loopback(hostPort);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("station", station);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        SoftwareBuild build = SoftwareBuild.current();
        Gauge.builder("hallmark.build.info", () -> 1).description("the software that runs: version and build id")
                .tag("version", build.version()).tag("build", build.buildId()).register(registry);
        HttpServer server;
        try {
            server = HttpServer.create(address, 8);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--metrics " + hostPort + ": cannot listen there ("
                    + e.getMessage() + "); pick a free port", e.toString(), e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        LOG.info("metrics served at http://{}:{}/metrics", address.getHostString(), server.getAddress().getPort());
        return new StationMetrics(registry, server);
    }

    private static InetSocketAddress loopback(String hostPort) throws ProvisioningException {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        try {
            if (colon < 1) {
                throw new IllegalArgumentException("not host:port");
            }
            InetAddress host = InetAddress.getByName(hostPort.substring(0, colon).replace("[", "").replace("]", ""));
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (!host.isLoopbackAddress()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--metrics " + hostPort + ": the endpoint"
                        + " has no sign-in, so it listens on localhost only (e.g. 127.0.0.1:9464); let the"
                        + " plant's Prometheus reach it through its own agent or a tunnel");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
            return new InetSocketAddress(host, port);
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--metrics " + hostPort + ": expected"
                    + " host:port on localhost, e.g. 127.0.0.1:9464");
        }
    }

    /** The port the endpoint listens on (the one asked for, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The listener that counts units, times steps and tracks busy fixtures. */
    public UnitListener listener() {
        return units;
    }

    /** The same parts, with the HSM, the CA and the audit database timed and their errors counted. */
    public LotParts parts(LotParts p) {
        return new LotParts(p.stationId(), MeteredPort.of(AuditStore.class, p.store(), "database", registry),
                MeteredPort.of(LotStore.class, p.lots(), "database", registry),
                MeteredPort.of(DeviceKeyStore.class, p.keys(), "hsm", registry),
                MeteredPort.of(KeyAttributeReader.class, p.attributes(), "hsm", registry),
                MeteredPort.of(KeyWrapper.class, p.wrapper(), "hsm", registry),
                MeteredPort.of(CertificateIssuer.class, p.issuer(), "ca", registry), p.clock(), p.conformity(),
                p.unitSecrets(), p.units(), p.links(), p.tokens(), p.deviceTokens(), p.certifiedModule(), p.random(),
                p.caRetry());
    }

    /** The text a scrape returns now. */
    public String scrape() {
        return registry.scrape();
    }

    /** Keeps serving for {@code linger} (so the last scrape sees a finished lot's counts), then stops. */
    public void closeAfter(Duration linger) throws InterruptedException {
        if (!linger.isZero() && !linger.isNegative()) {
            LOG.info("metrics: serving {} s more for the last scrape", linger.toSeconds());
            Thread.sleep(linger.toMillis());
        }
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }
}
