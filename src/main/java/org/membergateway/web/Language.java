package org.membergateway.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages speak (README, Pages): English and Vietnamese completely, as the
 * union's policy exists in both; Spanish, Russian and Chinese for the navigation, forms and errors,
 * falling back to English for the rest. Each is named in itself on the language switch.
 */
public enum Language {
    EN("en", "English"),
    VI("vi", "Tiếng Việt"),
    ES("es", "Español"),
    RU("ru", "Русский"),
    ZH("zh", "中文");

    private final String code;
    private final String name;

    Language(String code, String name) {
        this.code = code;
        this.name = name;
    }

    /** The ISO 639-1 code: {@code lang} of the page, {@code ?lang=} of the switch. */
    public String code() {
        return code;
    }

    /** The language's own name for itself. */
    public String nativeName() {
        return name;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    public static Optional<Language> of(String code) {
        if (code != null) {
            for (Language language : values()) {
                if (language.code.equalsIgnoreCase(code.strip())) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }

    /** The first language of an {@code Accept-Language} list the pages speak; English if none. */
    public static Language preferred(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            Optional<Language> language = of(locale.getLanguage());
            if (language.isPresent()) {
                return language.get();
            }
        }
        return EN;
    }
}
