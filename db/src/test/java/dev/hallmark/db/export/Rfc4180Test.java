package dev.hallmark.db.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test's own CSV reader must accept RFC 4180 and refuse what is not, or the CSV tests prove nothing. */
class Rfc4180Test {

    @Test
    void readsQuotedFieldsWithQuotesCommasAndLineBreaks() {
        assertThat(Rfc4180.parse("a,\"b \"\"x\"\", y\r\nz\",\r\n1,2,3\r\n")).containsExactly(
                List.of("a", "b \"x\", y\r\nz", ""), List.of("1", "2", "3"));
    }

    @Test
    void refusesWhatRfc4180DoesNotAllow() {
        assertThatThrownBy(() -> Rfc4180.parse("a,b\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc4180.parse("a,b\"c\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc4180.parse("\"a\"b\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc4180.parse("\"a\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc4180.parse("a,b")).isInstanceOf(IllegalArgumentException.class);
    }
}
