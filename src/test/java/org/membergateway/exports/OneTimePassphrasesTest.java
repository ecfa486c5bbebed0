package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneTimePassphrasesTest {

    private final OneTimePassphrases passphrases = new OneTimePassphrases();

    @Test
    void sevenGroupsOfFourCrockfordCharactersCarryAtLeast128Bits() {
        String passphrase = new String(passphrases.next());

        assertThat(passphrase).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}");
        assertThat(OneTimePassphrases.ENTROPY_BITS).isGreaterThanOrEqualTo(128);
        assertThat(OneTimePassphrases.ALPHABET).hasSize(32).doesNotContain('I', 'L', 'O', 'U');
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUpAndNoPassphraseRepeats() {
        Set<String> seen = new HashSet<>();
        Set<Character> characters = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String passphrase = new String(passphrases.next());
            assertThat(seen.add(passphrase)).isTrue();
            passphrase.chars().filter(c -> c != '-').forEach(c -> characters.add((char) c));
        }
        assertThat(characters).hasSize(32);
    }
}
