package dev.hallmark.ca.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuedRecordTest {

    private static final String SHA = "abababababababababababababababababababababababababababababababab";
    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aSubjectWithTabsNewlinesAndBackslashesStaysOneFieldOfOneLine() {
        IssuedRecord record = new IssuedRecord(AT, BigInteger.valueOf(0xABC), SHA, LeafValidity.NO_WELL_DEFINED_EXPIRY,
                "CN=a\tb, O=line\nbreak\\r\r");

        String line = record.toLine();

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(line.split("\t", -1)).hasSize(5);
        assertThat(IssuedRecord.parse(line)).isEqualTo(record);
    }

    @Test
    void serialsArePrintedAsOpensslPrintsThem() {
        assertThat(IssuedRecord.serialHex(BigInteger.valueOf(0xABC))).isEqualTo("0ABC");
        assertThat(IssuedRecord.serialHex(BigInteger.valueOf(0xFF01))).isEqualTo("FF01");
        assertThat(IssuedRecord.parseSerial("0abc")).isEqualTo(BigInteger.valueOf(0xABC));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-03-02T08:00:00Z\t0ABC\t" + "ab" + "\t9999-12-31T23:59:59Z\tCN=x",
            "2026-03-02T08:00:00Z\t-0ABC\t" + SHA + "\t9999-12-31T23:59:59Z\tCN=x",
            "2026-03-02T08:00:00Z\t0ABC\t" + SHA + "\tyesterday\tCN=x",
            "2026-03-02T08:00:00Z\t0ABC\t" + SHA + "\t9999-12-31T23:59:59Z\tCN=x\\",
            "2026-03-02T08:00:00Z\t0ABC\t" + SHA,
            "2026-03-02T08:00:00Z\t00\t" + SHA + "\t9999-12-31T23:59:59Z\tCN=x",
    })
    void aLineThatIsNoRecordIsRefused(String line) {
        assertThatThrownBy(() -> IssuedRecord.parse(line)).isInstanceOf(IllegalArgumentException.class);
    }
}
