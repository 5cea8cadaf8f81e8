package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** issued.log: what it records, that it is recorded before a certificate leaves, and how it survives crashes. */
class EmbeddedCaIssuedLogTest {

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());

    @Test
    void eachCertificateIsRecordedWithTimeSerialSha256NotAfterAndSubject() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());

        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000042");

        List<String> lines = Files.readAllLines(dir.resolve("issued.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("# hallmark embedded CA, issued certificates");
        String hex = leaf.getSerialNumber().toString(16).toUpperCase();
        String[] fields = lines.get(1).split("\t", -1);
        assertThat(fields).hasSize(7).startsWith(NOW.toString(),
                hex.length() % 2 == 0 ? hex : "0" + hex, Pem.sha256(leaf), leaf.getNotAfter().toInstant().toString(),
                "CN=HM-F4-000042, SERIALNUMBER=HM-F4-000042, O=Acme Devices");
        assertThat(fields[5]).matches("[0-9a-f]{64}");
        assertThat(java.util.Base64.getDecoder().decode(fields[6])).isEqualTo(leaf.getEncoded());
    }

    @Test
    void theCaSaysWhatItIssuedForARequestAfterARestart() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        byte[] csr = CaFixture.csr(CaFixture.deviceKey());
        X509Certificate leaf = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom())
                .issue(CaFixture.request(csr, "HM-F4-000007")).leaf();
        CaFixture.issue(EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom()), "HM-F4-000008");
        String request = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(csr));

        EmbeddedCa reopened = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom());

        assertThat(reopened.issuedFor(request)).containsExactly(leaf);
        assertThat(reopened.issuedFor("0".repeat(64))).isEmpty();
    }

    @Test
    void concurrentIssuesAreEachOnDiskBeforeTheyLeaveAndShareFsyncs() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        int issues = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<X509Certificate>> done = new java.util.ArrayList<>();
            for (int i = 0; i < issues; i++) {
                String serial = String.format("HM-F4-%06d", i);
                done.add(pool.submit(() -> CaFixture.issue(ca, serial)));
            }
            for (java.util.concurrent.Future<X509Certificate> f : done) {
                X509Certificate leaf = f.get();
                assertThat(Files.readString(dir.resolve("issued.log"))).contains(Pem.sha256(leaf));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ca.issuedLogFlushes().requests()).isEqualTo(issues);
        assertThat(ca.issuedLogFlushes().flushes()).isBetween(1L, (long) issues);
    }

    @Test
    void recordsAreAppendedAndKeptAcrossRestarts() throws Exception {
        EmbeddedCa first = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        X509Certificate one = CaFixture.issue(first, "HM-F4-000001");
        List<String> before = Files.readAllLines(dir.resolve("issued.log"));

        X509Certificate two = CaFixture.issue(EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom()), "HM-F4-000002");

        List<String> after = Files.readAllLines(dir.resolve("issued.log"));
        assertThat(after).startsWith(before.toArray(String[]::new)).hasSize(3);
        assertThat(EmbeddedCaSerialTest.records(dir)).extracting(line -> IssuedRecord.parse(line).sha256())
                .containsExactly(Pem.sha256(one), Pem.sha256(two));
    }

    @Test
    void anUnfinishedLastLineFromACrashIsDroppedAndTheLogGoesOn() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        EmbeddedCa ca = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom());
        CaFixture.issue(ca, "HM-F4-000001");
        Path log = dir.resolve("issued.log");
        String complete = Files.readString(log);
        Files.writeString(log, NOW + "\t0ABC\t12", StandardOpenOption.APPEND);

        EmbeddedCa restarted = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom());

        assertThat(Files.readString(log)).isEqualTo(complete);
        CaFixture.issue(restarted, "HM-F4-000002");
        assertThat(EmbeddedCaSerialTest.records(dir)).hasSize(2).allSatisfy(IssuedRecord::parse);
    }

    @Test
    void aDamagedRecordStopsTheCaFromOpening() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        CaFixture.issue(ca, "HM-F4-000001");
        Files.writeString(dir.resolve("issued.log"), "not a record\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("issued.log is damaged: line 3");
    }

    @Test
    void aCertificateThatCannotBeRecordedIsNeverHandedOut() throws Exception {
        SigningHook hooked = new SigningHook(keys);
        EmbeddedCa ca = EmbeddedCa.initialize(hooked, dir, CA_NAME, CLOCK, new SecureRandom());
        Path log = dir.resolve("issued.log");
        // while the token signs, the log becomes unwritable: the certificate exists but cannot be recorded
        hooked.beforeNextSign = () -> {
            try {
                Files.createDirectory(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        assertThatThrownBy(() -> CaFixture.issue(ca, "HM-F4-000001"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_UNUSABLE))
                .hasMessageContaining("issued.log");
        assertThat(hooked.hooksRun).as("the token was asked to sign").isEqualTo(1);
    }

    @Test
    void aCaFromBeforeTheLogOpensAndStartsOne() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        assertThat(dir.resolve("issued.log")).doesNotExist();

        CaFixture.issue(EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom()), "HM-F4-000001");

        assertThat(EmbeddedCaSerialTest.records(dir)).hasSize(1);
    }

    /** Delegates to a key store and runs a hook just before the next signature. */
    static final class SigningHook implements DeviceKeyStore {
        private final DeviceKeyStore delegate;
        volatile Runnable beforeNextSign;
        volatile int hooksRun;

        SigningHook(DeviceKeyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) throws ProvisioningException {
            return delegate.generate(spec, alias, policy);
        }

        @Override
        public Optional<KeyHandle> find(String alias) throws ProvisioningException {
            return delegate.find(alias);
        }

        @Override
        public byte[] sign(KeyHandle key, byte[] data) throws ProvisioningException {
            Runnable hook = beforeNextSign;
            if (hook != null) {
                beforeNextSign = null;
                hooksRun++;
                hook.run();
            }
            return delegate.sign(key, data);
        }

        @Override
        public void attachCertificate(KeyHandle key, X509Certificate certificate) throws ProvisioningException {
            delegate.attachCertificate(key, certificate);
        }

        @Override
        public void destroy(KeyHandle key) throws ProvisioningException {
            delegate.destroy(key);
        }
    }
}
