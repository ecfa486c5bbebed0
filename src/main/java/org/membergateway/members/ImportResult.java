package org.membergateway.members;

/**
 * What an import changed. {@code unchanged} rows were already present with the same values.
 */
public record ImportResult(long inserted, long updated, long unchanged) {

    public long rows() {
        return inserted + updated + unchanged;
    }
}
