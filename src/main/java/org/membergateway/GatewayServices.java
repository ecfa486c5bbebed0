package org.membergateway;

import org.jdbi.v3.core.Jdbi;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.acknowledgements.PolicyDocuments;
import org.membergateway.audit.AuditTally;
import org.membergateway.audit.AuditTrail;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.exports.ExportBuilder;
import org.membergateway.exports.ExportSweeper;
import org.membergateway.members.MemberImporter;
import org.membergateway.policy.DecisionService;
import org.membergateway.requests.ListRequestService;
import org.membergateway.auth.ApiKeys;
import org.membergateway.directory.DirectoryService;
import org.membergateway.signin.GatewayAuthenticator;

/**
 * The long-lived parts the application wires together at start. {@code openPgpKey} is the key the
 * gateway signs with (receipts, exports); {@code acknowledgements.status(username, now)} is the
 * acknowledgement fact the policy engine decides on; {@code refusals} tallies failed sign-ins and
 * refused reads, and its {@code summariseClosedWindows} runs on a schedule; {@code exportBuilder}
 * builds exports, at most {@code exports.maxConcurrentBuilds} at once.
 */
public record GatewayServices(GatewayDatabase database, Jdbi jdbi, MemberImporter importer, AuditTrail audit,
                              DirectoryService directory, GatewayAuthenticator authenticator,
                              ApiKeys apiKeys, GatewayOpenPgpKey openPgpKey, PolicyDocuments policyDocuments,
                              AcknowledgementService acknowledgements, DecisionService decisions,
                              ListRequestService requests, ExportSweeper exportSweeper,
                              AuditTally refusals, ExportBuilder exportBuilder) {
}
