package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pages speak every language they offer: Vietnamese has every message English has (the union's
 * policy exists in both); Spanish, Russian and Chinese have at least the navigation, the forms'
 * chrome and the errors. Every message also formats, in every language.
 */
class MessagesTest {

    static final ResourceBundle.Control OWN_FILE_ONLY = new ResourceBundle.Control() {
        @Override
        public Locale getFallbackLocale(String baseName, Locale locale) {
            return null;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale locale) {
            return List.of(locale);
        }
    };
    /**
     * The keys every language must have of its own: the chrome's navigation, sign-in and errors, and
     * in every area's bundle its form labels, buttons and error messages.
     */
    static final Set<String> CHROME = Set.of("nav.", "error.", "login.", "service.");
    static final Set<String> FORMS = Set.of(".label.", ".button.", ".error.");

    static boolean everywhere(String key) {
        return CHROME.stream().anyMatch(key::startsWith) || FORMS.stream().anyMatch(key::contains);
    }

    static List<ResourceBundle> english() {
        List<ResourceBundle> bundles = new ArrayList<>();
        for (String name : Messages.BUNDLES) {
            try {
                bundles.add(ResourceBundle.getBundle(name, Locale.ROOT, OWN_FILE_ONLY));
            } catch (java.util.MissingResourceException e) {
                // an area without pages yet
            }
        }
        return bundles;
    }

    static ResourceBundle own(String name, Language language) {
        return ResourceBundle.getBundle(name, language.locale(), OWN_FILE_ONLY);
    }

    @Test
    void vietnameseHasEveryMessage() {
        for (ResourceBundle english : english()) {
            ResourceBundle vi = own(english.getBaseBundleName(), Language.VI);
            assertThat(vi.keySet()).as(english.getBaseBundleName() + "_vi").containsAll(english.keySet());
        }
    }

    @Test
    void spanishRussianAndChineseHaveTheNavigationFormsAndErrors() {
        for (Language language : List.of(Language.ES, Language.RU, Language.ZH)) {
            for (ResourceBundle english : english()) {
                ResourceBundle own = own(english.getBaseBundleName(), language);
                for (String key : english.keySet()) {
                    if (everywhere(key)) {
                        assertThat(own.containsKey(key)).as(language + " " + english.getBaseBundleName() + " " + key).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void everyMessageFormatsInEveryLanguage() {
        for (Language language : Language.values()) {
            Messages messages = Messages.of(language);
            for (ResourceBundle english : english()) {
                for (String key : english.keySet()) {
                    assertThat(messages.get(key, 3, "x", "y", "z")).as(language + " " + key).doesNotStartWith("??");
                }
            }
        }
        assertThat(Messages.of(Language.VI).get("home.title", "Linh")).isEqualTo("Xin chào, Linh");
        assertThat(Messages.of(Language.EN).get("home.awaiting", 1)).isEqualTo("One request is waiting for your approval");
        assertThat(Messages.of(Language.EN).get("home.awaiting", 1200)).isEqualTo("1,200 requests are waiting for your approval");
        assertThat(Messages.of(Language.VI).number(1200)).isEqualTo("1.200");
        assertThat(Messages.of(Language.EN).get("no.such.key")).isEqualTo("??no.such.key??");
    }

    @Test
    void theBrowsersLanguageChoosesAmongThoseSpoken() {
        assertThat(Language.preferred(List.of(Locale.forLanguageTag("fr"), Locale.forLanguageTag("vi-VN")))).isEqualTo(Language.VI);
        assertThat(Language.preferred(List.of(Locale.forLanguageTag("zh-Hant-TW")))).isEqualTo(Language.ZH);
        assertThat(Language.preferred(List.of(Locale.forLanguageTag("fr")))).isEqualTo(Language.EN);
        assertThat(Language.of("VI")).contains(Language.VI);
        assertThat(Language.of("xx")).isEmpty();
    }
}
