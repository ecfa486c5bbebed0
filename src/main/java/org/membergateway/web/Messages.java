package org.membergateway.web;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The pages' words in one language (message bundles under {@code web/}, UTF-8: the chrome in
 * {@code messages*.properties}, each area's pages in their own), with
 * numbers and dates formatted the way that language writes them. A key missing in a language falls
 * back to English; a key missing in English is a bug, shown as {@code ??key??} so tests catch it.
 */
public final class Messages {

    /** The bundles, looked up in this order: the chrome first, then one per area of pages. */
    static final java.util.List<String> BUNDLES = java.util.List.of("web.messages", "web.acknowledgements", "web.requests",
            "web.audit", "web.vendors", "web.people", "web.person", "web.campaigns",
            "web.inspections", "web.elections", "web.literature");
    private static final ResourceBundle.Control NO_JVM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<Language, Messages> ALL = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            java.util.List<ResourceBundle> bundles = new java.util.ArrayList<>();
            for (String name : BUNDLES) {
                try {
                    bundles.add(ResourceBundle.getBundle(name, language == Language.EN ? Locale.ROOT : language.locale(),
                            NO_JVM_FALLBACK));
                } catch (MissingResourceException e) {
                    // An area not built yet has no bundle.
                }
            }
            ALL.put(language, new Messages(language, bundles));
        }
    }

    private final Language language;
    private final java.util.List<ResourceBundle> bundles;

    private Messages(Language language, java.util.List<ResourceBundle> bundles) {
        this.language = language;
        this.bundles = java.util.List.copyOf(bundles);
    }

    public static Messages of(Language language) {
        return ALL.get(language);
    }

    public Language language() {
        return language;
    }

    /** The message for {@code key}, with {@code args} put in its {@code {0}}, {@code {1}}... */
    public String get(String key, Object... args) {
        String pattern = null;
        for (ResourceBundle bundle : bundles) {
            if (bundle.containsKey(key)) {
                pattern = bundle.getString(key);
                break;
            }
        }
        if (pattern == null) {
            return "??" + key + "??";
        }
        // Always through MessageFormat, so every message follows one rule: write an apostrophe as ’
        // (or '' where a straight one is needed).
        return new MessageFormat(pattern, language.locale()).format(args);
    }

    public boolean has(String key) {
        return bundles.stream().anyMatch(bundle -> bundle.containsKey(key));
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(language.locale()).format(value);
    }

    /** A moment as a date and time in the union's zone, as this language writes them. */
    public String dateTime(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(language.locale()).format(at.atZoneSameInstant(zone));
    }
}
