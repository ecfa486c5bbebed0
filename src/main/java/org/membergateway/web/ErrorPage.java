package org.membergateway.web;

/**
 * A page that says what went wrong in the reader's language: the status's own words, and the
 * gateway's explanation when it has one (which names no member data).
 */
public final class ErrorPage extends PageView {

    private final int status;
    private final String detail;

    public ErrorPage(PageContext page, int status, String detail) {
        super("error.ftlh", page, page.messages().has("error." + status + ".title")
                ? page.messages().get("error." + status + ".title") : page.messages().get("error.other.title"));
        this.status = status;
        this.detail = detail;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    /** What to do about it, in the reader's language. */
    public String getAdvice() {
        String key = "error." + status + ".advice";
        return getPage().messages().has(key) ? t(key) : t("error.other.advice");
    }
}
