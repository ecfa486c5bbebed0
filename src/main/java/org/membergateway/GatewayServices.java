package org.membergateway;

import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.AuthModule;
import org.membergateway.policy.DecisionService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.members.MemberImporter;

/** The long-lived parts the application wires together at start. */
public record GatewayServices(GatewayDatabase database, Jdbi jdbi, MemberImporter importer, AuditTrail audit,
                              AuthModule auth, DecisionService decisions) {
}
