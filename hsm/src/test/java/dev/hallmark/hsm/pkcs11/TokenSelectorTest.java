package dev.hallmark.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenSelectorTest {

    @Test
    void labelAndSerialMatchTheBlankPaddedValuesTokensReport() {
        assertThat(TokenSelector.byLabel("station").matches("station" + " ".repeat(25), "0b0adaf979e498eb")).isTrue();
        assertThat(TokenSelector.byLabel("station").matches("station-2", "x")).isFalse();
        assertThat(TokenSelector.bySerial("0b0adaf979e498eb").matches("any", "0b0adaf979e498eb  ")).isTrue();
        assertThat(TokenSelector.bySerial("0b0adaf979e498eb").matches("0b0adaf979e498eb", "other")).isFalse();
        assertThat(TokenSelector.byLabel("dev").describe()).isEqualTo("labelled 'dev'");
        assertThat(TokenSelector.bySerial("42").describe()).isEqualTo("with serial '42'");
    }

    @Test
    void exactlyOneOfLabelAndSerial() {
        assertThatThrownBy(() -> new TokenSelector("a", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenSelector(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenSelector.byLabel(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
