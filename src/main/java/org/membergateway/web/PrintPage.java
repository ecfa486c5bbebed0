package org.membergateway.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.exports.PaperCopies;

/**
 * {@code /requests/{id}/print?page=N}: one page of the paper copy of an approved voting-data
 * request, a table of exactly the approved fields. Every printed sheet repeats the table's header,
 * which names the requester, the request, the date and that the sheet is confidential and to be
 * destroyed after use (AP&amp;P XVI §8); the print stylesheet leaves out the navigation and forms.
 */
public final class PrintPage extends RequestPageView {

    private final ShownRequest request;
    private final PaperCopies.PrintedPage printed;
    private final List<String> columns;
    private final String sheetHeader;

    PrintPage(PageContext page, PaperCopies.PrintedPage printed, OffsetDateTime now) {
        // Only the first argument of a message is formatted as a number: the others come as text.
        super("request-print.ftlh", page, page.messages().get("requests.print.title", printed.request().id(),
                Integer.toString(printed.page()), Integer.toString(printed.pages())), List.of());
        this.printed = printed;
        this.request = shown(printed.request(), now);
        this.columns = printed.fields().stream().map(this::field).toList();
        this.sheetHeader = t("requests.print.sheetHeader", page.requester().displayName(), page.requester().username(),
                Long.toString(printed.request().id()), page.dateTime(printed.printedAt()));
    }

    public ShownRequest getRequest() {
        return request;
    }

    public List<String> getColumns() {
        return columns;
    }

    /** The rows of this page, each value in the order of {@link #getColumns}. */
    public List<List<String>> getRows() {
        return printed.rows();
    }

    public int getPageNumber() {
        return printed.page();
    }

    public int getPages() {
        return printed.pages();
    }

    public String getTotalRows() {
        return getPage().number(printed.totalRows());
    }

    public String getShownRows() {
        return getPage().number(printed.rows().size());
    }

    public String getSheetHeader() {
        return sheetHeader;
    }

    @Override
    public String toString() {
        return "PrintPage[" + printed + "]";
    }
}
