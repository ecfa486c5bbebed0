package org.membergateway.directory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.Usernames;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Audience;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.CampaignRules;
import org.membergateway.policy.CampaignStatus;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.ScopeType;

/**
 * Campaigns and projects: created, approved or rejected, ended early (policies/README.md,
 * "Campaigns"). A campaign carries no request until one of the approvers policies/campaigns.yml
 * names for its scope approves it; whoever entered it never does. Every change is audited inside
 * its transaction, so a change the trail cannot record is rolled back.
 */
public final class CampaignService {

    public static final int MAX_NOTE = 1000;
    /** Most campaigns an approver's work list looks through for the ones they may decide. */
    private static final int PENDING_SCANNED = 1000;
    private static final int MAX_CLASSIFICATION = 120;
    private static final int MAX_WORKSITE = 200;

    private final Jdbi jdbi;
    private final CampaignRules rules;
    private final CampaignsConfiguration config;
    private final AuditTrail audit;

    public CampaignService(Jdbi jdbi, CampaignRules rules, CampaignsConfiguration config, AuditTrail audit) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.config = config;
        this.audit = audit;
    }

    public CampaignRules rules() {
        return rules;
    }

    /**
     * {@code POST /campaigns}: PENDING_APPROVAL, or ACTIVE at once when the creator holds a role
     * policies/campaigns.yml names under {@code activeAtCreation}. The resource checks the role.
     */
    public CampaignView create(Requester creator, NewCampaign input) {
        if (input == null) {
            throw DirectoryException.invalid("body",
                    "a JSON object with name, kind, scopeType, scopeId, startsOn, endsOn and optional targets");
        }
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 200 || DirectoryService.hasControl(name)) {
            throw DirectoryException.invalid("name", "required: 1-200 characters, no control characters");
        }
        CampaignKind kind = DirectoryService.enumValue("kind", input.kind(), CampaignKind.class);
        ScopeType scopeType = DirectoryService.enumValue("scopeType", input.scopeType(), ScopeType.class);
        String scopeId = ScopeInput.id(scopeType, input.scopeId());
        LocalDate startsOn = DirectoryService.date("startsOn", input.startsOn());
        LocalDate endsOn = DirectoryService.date("endsOn", input.endsOn());
        if (endsOn.isBefore(startsOn)) {
            throw DirectoryException.invalid("endsOn", "must not be before startsOn");
        }
        long days = ChronoUnit.DAYS.between(startsOn, endsOn) + 1;
        if (days > config.getMaxDays()) {
            throw DirectoryException.invalid("endsOn", "a campaign runs at most " + config.getMaxDays()
                    + " days, first and last included; this one would run " + days);
        }
        NewCampaign.Targets targets = input.targets();
        List<String> classifications = values("targets.classifications",
                targets == null ? null : targets.classifications(), MAX_CLASSIFICATION);
        List<String> worksites = values("targets.worksites", targets == null ? null : targets.worksites(), MAX_WORKSITE);
        List<String> audiences = audiences(targets == null ? null : targets.audiences());
        if (kind == CampaignKind.SELECTIVE_CLASSIFICATION && classifications.isEmpty()) {
            throw DirectoryException.invalid("targets.classifications", "a SELECTIVE_CLASSIFICATION campaign names the "
                    + "classifications it reaches (confidentiality §7); without them it would reach the whole scope");
        }
        String ownerName = input.ownerUsername() == null || input.ownerUsername().isBlank() ? creator.username()
                : Usernames.normalize(input.ownerUsername()).orElseThrow(() ->
                        DirectoryException.invalid("ownerUsername", "not a username"));
        boolean activeAtOnce = rules.activeAtCreation(creator);
        long id = jdbi.inTransaction(h -> {
            ScopeInput.requireExisting(h.attach(UnionDao.class), "scopeId", scopeType, scopeId);
            PeopleDao people = h.attach(PeopleDao.class);
            long creatorId = people.id(creator.username())
                    .orElseThrow(() -> DirectoryException.notFound("the campaign's creator is not in the directory"));
            long ownerId = people.id(ownerName)
                    .orElseThrow(() -> DirectoryException.invalid("ownerUsername", "no person has this username"));
            long created = h.attach(CampaignDao.class).insertCampaign(new CampaignDao.NewCampaignRow(name, kind,
                    scopeType, scopeId, startsOn, endsOn, ownerId, creatorId,
                    activeAtOnce ? CampaignStatus.ACTIVE : CampaignStatus.PENDING_APPROVAL,
                    activeAtOnce ? creatorId : null, activeAtOnce ? "active at creation" : null,
                    classifications.toArray(String[]::new), worksites.toArray(String[]::new),
                    audiences.toArray(String[]::new)));
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, creator.actor(), "campaign:" + created)
                    .withDecision("CREATED")
                    .withReasons(List.of(activeAtOnce ? "CAMPAIGN_ACTIVE_AT_CREATION" : "CAMPAIGN_PENDING_APPROVAL")));
            return created;
        });
        return campaign(id).orElseThrow();
    }

    public Optional<CampaignView> campaign(long id) {
        return jdbi.withExtension(CampaignDao.class, campaigns -> campaigns.campaign(id));
    }

    /** Who may approve the campaign: any one of these, except whoever entered it. */
    public List<Approver> approvers(CampaignView campaign) {
        return jdbi.withHandle(h -> approvers(h, campaign));
    }

    private List<Approver> approvers(Handle h, CampaignView campaign) {
        // A campaign whose scope has since gone is decided statewide: nobody else is placed to.
        PlacedScope scope = DirectoryPolicyFacts.place(h.attach(UnionDao.class), ScopeType.valueOf(campaign.scopeType()),
                campaign.scopeId()).orElse(PlacedScope.STATEWIDE);
        return rules.approvers(scope);
    }

    private static boolean mayDecide(Requester person, CampaignView campaign, List<Approver> approvers) {
        return person.isPerson() && !person.username().equals(campaign.createdBy())
                && approvers.stream().anyMatch(a -> a.heldBy(person));
    }

    /**
     * {@code POST /campaigns/{id}/approval}: one of the campaign's approvers (never its creator)
     * approves or rejects it. 404 for no such campaign, 403 for anyone else, 409 unless pending.
     */
    public CampaignView decide(Requester approver, long id, CampaignDecisionBody body) {
        if (body == null || body.approve() == null) {
            throw DirectoryException.invalid("approve", "required, true or false");
        }
        String note = note(body.note());
        return jdbi.inTransaction(h -> {
            CampaignDao campaigns = h.attach(CampaignDao.class);
            CampaignView campaign = campaigns.lock(id).orElseThrow(() -> DirectoryException.notFound("no such campaign"));
            List<Approver> approvers = approvers(h, campaign);
            if (!mayDecide(approver, campaign, approvers)) {
                throw DirectoryException.forbidden(approver.isPerson() && approver.username().equals(campaign.createdBy())
                        ? "whoever entered a campaign does not approve it; " + Approver.describeAny(approvers) + " may"
                        : "only " + Approver.describeAny(approvers) + " may decide this campaign (" + rules.clause() + ")");
            }
            if (!CampaignStatus.PENDING_APPROVAL.name().equals(campaign.status())) {
                throw DirectoryException.conflict(null, "the campaign is " + campaign.status()
                        + "; only a campaign waiting for approval can be decided");
            }
            boolean approve = body.approve();
            if (approve && CampaignKind.SELECTIVE_CLASSIFICATION.name().equals(campaign.kind())
                    && campaign.targets().classifications().isEmpty()) {
                throw DirectoryException.conflict("targets.classifications", "this selective classification campaign "
                        + "names no classifications, so it would reach the whole scope; reject it and create it anew "
                        + "with its classifications");
            }
            long approverId = h.attach(PeopleDao.class).id(approver.username())
                    .orElseThrow(() -> DirectoryException.forbidden("the approver is not in the directory"));
            CampaignStatus decided = approve ? CampaignStatus.ACTIVE : CampaignStatus.REJECTED;
            if (!campaigns.decide(id, decided, approverId, note)) {
                throw DirectoryException.conflict(null, "the campaign was decided concurrently");
            }
            audit.record(AuditEvent.of(AuditEventType.APPROVAL, approver.actor(), "campaign:" + id)
                    .withDecision(approve ? "APPROVED" : "REJECTED"));
            return campaigns.campaign(id).orElseThrow();
        });
    }

    /**
     * {@code POST /campaigns/{id}/end}: effective at once. Requests under it are decided again when
     * they are approved and when they are exported, and are refused from now on (CAMPAIGN_INVALID).
     * By the owner, whoever approved it, anyone who may approve it, an ADMIN or the executive director.
     */
    public CampaignView end(Requester caller, long id) {
        return jdbi.inTransaction(h -> {
            CampaignDao campaigns = h.attach(CampaignDao.class);
            CampaignView campaign = campaigns.lock(id).orElseThrow(() -> DirectoryException.notFound("no such campaign"));
            if (!mayEnd(h, caller, campaign)) {
                throw DirectoryException.forbidden("only the campaign's owner, its approvers, an ADMIN or the executive "
                        + "director may end it");
            }
            String status = campaign.status();
            if (!CampaignStatus.ACTIVE.name().equals(status) && !CampaignStatus.PENDING_APPROVAL.name().equals(status)) {
                throw DirectoryException.conflict(null, "the campaign is " + status + " already");
            }
            long enderId = h.attach(PeopleDao.class).id(caller.username())
                    .orElseThrow(() -> DirectoryException.forbidden("not in the directory"));
            if (!campaigns.end(id, enderId)) {
                throw DirectoryException.conflict(null, "the campaign was ended concurrently");
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, caller.actor(), "campaign:" + id)
                    .withDecision("ENDED"));
            return campaigns.campaign(id).orElseThrow();
        });
    }

    private boolean mayEnd(Handle h, Requester caller, CampaignView campaign) {
        return caller.isPerson() && (caller.username().equals(campaign.owner())
                || caller.username().equals(campaign.approvedBy())
                || caller.hasRole(Role.ADMIN) || caller.hasRole(Role.EXECUTIVE_DIRECTOR)
                || approvers(h, campaign).stream().anyMatch(a -> a.heldBy(caller)));
    }

    /** Whether {@link #end} would let this person end the campaign now (its status aside): the page's End button. */
    public boolean mayEnd(Requester caller, CampaignView campaign) {
        return jdbi.withHandle(h -> mayEnd(h, caller, campaign));
    }

    /** Most campaigns {@link #recent} lists. */
    public static final int MAX_RECENT = 200;

    /** The newest campaigns, whatever their status (campaigns hold no member data). */
    public List<CampaignView> recent(int limit) {
        int size = Math.max(1, Math.min(limit, MAX_RECENT));
        return jdbi.withExtension(CampaignDao.class, campaigns -> campaigns.recent(size));
    }

    /** The campaigns waiting for a decision that this person may decide, oldest first. */
    public List<CampaignView> awaitingDecisionBy(Requester person) {
        if (!person.isPerson()) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            List<CampaignView> mine = new ArrayList<>();
            for (CampaignView campaign : h.attach(CampaignDao.class).pending(PENDING_SCANNED)) {
                if (mayDecide(person, campaign, approvers(h, campaign))) {
                    mine.add(campaign);
                }
            }
            return mine;
        });
    }

    // ---- validation ------------------------------------------------------------------------

    private static String note(String raw) {
        String note = raw == null ? "" : raw.strip();
        if (note.length() > MAX_NOTE || note.replace('\n', ' ').chars().anyMatch(Character::isISOControl)) {
            throw DirectoryException.invalid("note", "at most " + MAX_NOTE + " characters, no control characters");
        }
        return note;
    }

    private static List<String> values(String field, List<String> raw, int maxLength) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > DirectoryService.MAX_LIST) {
            throw DirectoryException.invalid(field, "at most " + DirectoryService.MAX_LIST + " entries");
        }
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String value = raw.get(i);
            // Not stripped: a target must equal the member column and the request's filter exactly.
            if (value == null || value.isBlank() || value.length() > maxLength || DirectoryService.hasControl(value)) {
                throw DirectoryException.invalid(field + "[" + i + "]",
                        "1-" + maxLength + " characters, not blank, no control characters");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    private static List<String> audiences(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > DirectoryService.MAX_LIST) {
            throw DirectoryException.invalid("targets.audiences", "at most " + DirectoryService.MAX_LIST + " entries");
        }
        Set<Audience> audiences = EnumSet.noneOf(Audience.class);
        for (int i = 0; i < raw.size(); i++) {
            audiences.add(DirectoryService.enumValue("targets.audiences[" + i + "]", raw.get(i), Audience.class));
        }
        return audiences.stream().map(Enum::name).toList();
    }
}
