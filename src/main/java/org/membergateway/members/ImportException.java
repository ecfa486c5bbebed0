package org.membergateway.members;

/**
 * A members file that cannot be imported. Names the line and column so the sender can fix it,
 * and never the offending value: values are member PII and would end up in logs and responses.
 */
public class ImportException extends RuntimeException {

    private final long line;
    private final String column;

    public ImportException(long line, String column, String problem) {
        super(describe(line, column, problem));
        this.line = line;
        this.column = column;
    }

    /** 1-based physical line of the file; 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** The CSV column at fault, or {@code null} when the whole line or file is at fault. */
    public String column() {
        return column;
    }

    private static String describe(long line, String column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line);
        }
        if (column != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("column ").append(column);
        }
        return sb.length() > 0 ? sb.append(": ").append(problem).toString() : problem;
    }
}
