package org.membergateway.elections.inspection;

import java.util.List;

/**
 * One page of an inspection: at most {@link InspectionService#PAGE_SIZE} members, numbered from 1,
 * out of {@code pages} (0 when the electorate is empty).
 */
public record InspectionPage(List<InspectedMember> members, int page, int pages) {

    public InspectionPage {
        members = List.copyOf(members);
    }

    @Override
    public String toString() {
        return "InspectionPage[page " + page + " of " + pages + ", " + members.size() + " members]";
    }
}
