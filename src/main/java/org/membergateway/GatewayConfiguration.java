package org.membergateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.membergateway.acknowledgements.AcknowledgementsConfiguration;
import org.membergateway.audit.AuditConfiguration;
import org.membergateway.crypto.OpenPgpConfiguration;
import org.membergateway.db.DatabaseConfiguration;
import org.membergateway.db.EmbeddedDatabaseConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.directory.CampaignsConfiguration;
import org.membergateway.exports.ExportsConfiguration;
import org.membergateway.policy.PolicyConfiguration;
import org.membergateway.requests.RequestsConfiguration;
import org.membergateway.signin.AuthConfiguration;
import org.membergateway.vendors.VendorsConfiguration;

/** The gateway's configuration; {@code config/gateway.yml} documents every value. */
public class GatewayConfiguration extends Configuration {

    /** Embedded database, keys and other instance-local state live here. */
    @NotEmpty
    private String dataDir = "./data";

    @Valid
    @NotNull
    private DatabaseConfiguration database = new DatabaseConfiguration();

    @Valid
    @NotNull
    private EmbeddedDatabaseConfiguration embeddedDatabase = new EmbeddedDatabaseConfiguration();

    @Valid
    @NotNull
    private Imports imports = new Imports();

    @Valid
    @NotNull
    private AuditConfiguration audit = new AuditConfiguration();

    @Valid
    @NotNull
    private AuthConfiguration auth = new AuthConfiguration();

    @Valid
    @NotNull
    private OpenPgpConfiguration openpgp = new OpenPgpConfiguration();

    @Valid
    @NotNull
    private PolicyConfiguration policy = new PolicyConfiguration();

    @Valid
    @NotNull
    private AcknowledgementsConfiguration acknowledgements = new AcknowledgementsConfiguration();

    @Valid
    @NotNull
    private RequestsConfiguration requests = new RequestsConfiguration();

    @Valid
    @NotNull
    private CampaignsConfiguration campaigns = new CampaignsConfiguration();

    @Valid
    @NotNull
    private ExportsConfiguration exports = new ExportsConfiguration();

    @Valid
    @NotNull
    private VendorsConfiguration vendors = new VendorsConfiguration();

    @Valid
    @NotNull
    private org.membergateway.crypto.keystore.KeystoreConfiguration keys =
            new org.membergateway.crypto.keystore.KeystoreConfiguration();

    @Valid
    @NotNull
    private org.membergateway.retention.RetentionConfiguration retention = new org.membergateway.retention.RetentionConfiguration();

    @Valid
    @NotNull
    private org.membergateway.elections.inspection.InspectionsConfiguration inspections =
            new org.membergateway.elections.inspection.InspectionsConfiguration();

    @JsonProperty
    public String getDataDir() {
        return dataDir;
    }

    @JsonProperty
    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    @JsonProperty("database")
    public DatabaseConfiguration getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DatabaseConfiguration database) {
        this.database = database;
    }

    /**
     * Starts the embedded server when no URL is configured, opens the pool's settings and migrates
     * the schema (see {@link GatewayDatabase#open}).
     */
    public GatewayDatabase openDatabase() {
        return GatewayDatabase.open(database, embeddedDatabase, dataPath());
    }

    /** True when no external database URL is configured and the gateway runs its own PostgreSQL. */
    public boolean usesEmbeddedDatabase() {
        return database.isEmbedded();
    }


    @JsonProperty
    public EmbeddedDatabaseConfiguration getEmbeddedDatabase() {
        return embeddedDatabase;
    }

    @JsonProperty
    public void setEmbeddedDatabase(EmbeddedDatabaseConfiguration embeddedDatabase) {
        this.embeddedDatabase = embeddedDatabase;
    }

    @JsonProperty
    public Imports getImports() {
        return imports;
    }

    @JsonProperty
    public void setImports(Imports imports) {
        this.imports = imports;
    }

    @JsonProperty
    public AuditConfiguration getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditConfiguration audit) {
        this.audit = audit;
    }

    @JsonProperty
    public AuthConfiguration getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthConfiguration auth) {
        this.auth = auth;
    }

    @JsonProperty("policy")
    public PolicyConfiguration getPolicy() {
        return policy;
    }

    @JsonProperty("policy")
    public void setPolicy(PolicyConfiguration policy) {
        this.policy = policy;
    }

    @JsonProperty("requests")
    public RequestsConfiguration getRequests() {
        return requests;
    }

    @JsonProperty("requests")
    public void setRequests(RequestsConfiguration requests) {
        this.requests = requests;
    }

    @JsonProperty("campaigns")
    public CampaignsConfiguration getCampaigns() {
        return campaigns;
    }

    @JsonProperty("campaigns")
    public void setCampaigns(CampaignsConfiguration campaigns) {
        this.campaigns = campaigns;
    }

    @JsonProperty("exports")
    public ExportsConfiguration getExports() {
        return exports;
    }

    @JsonProperty("exports")
    public void setExports(ExportsConfiguration exports) {
        this.exports = exports;
    }

    @JsonProperty("vendors")
    public VendorsConfiguration getVendors() {
        return vendors;
    }

    @JsonProperty("inspections")
    public org.membergateway.elections.inspection.InspectionsConfiguration getInspections() {
        return inspections;
    }

    @JsonProperty("inspections")
    public void setInspections(org.membergateway.elections.inspection.InspectionsConfiguration inspections) {
        this.inspections = inspections;
    }

    /** The master key that seals the keys instances share through the database (crypto.keystore). */
    @JsonProperty("keys")
    public org.membergateway.crypto.keystore.KeystoreConfiguration getKeys() {
        return keys;
    }

    @JsonProperty("keys")
    public void setKeys(org.membergateway.crypto.keystore.KeystoreConfiguration keys) {
        this.keys = keys;
    }

    @JsonProperty("retention")
    public org.membergateway.retention.RetentionConfiguration getRetention() {
        return retention;
    }

    @JsonProperty("retention")
    public void setRetention(org.membergateway.retention.RetentionConfiguration retention) {
        this.retention = retention;
    }

    @JsonProperty("vendors")
    public void setVendors(VendorsConfiguration vendors) {
        this.vendors = vendors;
    }

    /**
     * The passphrase that encrypts the gateway's private keys at rest (the OpenPGP key and the audit
     * checkpoint key): {@code openpgp.keyPassphrase}, or with the embedded database one generated
     * beside the OpenPGP key (README, Configuration).
     */
    public char[] keyPassphrase() {
        return org.membergateway.crypto.GatewayOpenPgpKey.passphrase(openpgp,
                dataPath().resolve(org.membergateway.crypto.GatewayOpenPgpKey.DIRECTORY), usesEmbeddedDatabase());
    }

    @JsonProperty
    public OpenPgpConfiguration getOpenpgp() {
        return openpgp;
    }

    @JsonProperty
    public void setOpenpgp(OpenPgpConfiguration openpgp) {
        this.openpgp = openpgp;
    }

    @JsonProperty
    public AcknowledgementsConfiguration getAcknowledgements() {
        return acknowledgements;
    }

    @JsonProperty
    public void setAcknowledgements(AcknowledgementsConfiguration acknowledgements) {
        this.acknowledgements = acknowledgements;
    }


    /**
     * The most the API connector reads of a request line and its headers
     * ({@code server.applicationConnectors[0].maxRequestHeaderSize}, 8 KiB in the bundled config
     * and by default): more is answered 431 by {@code http.JettyErrorHandler}, which names it.
     */
    public long maxRequestHeaderBytes() {
        if (getServerFactory() instanceof DefaultServerFactory server && !server.getApplicationConnectors().isEmpty()
                && server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http) {
            return http.getMaxRequestHeaderSize().toBytes();
        }
        return DEFAULT_MAX_REQUEST_HEADER_BYTES;
    }

    static final long DEFAULT_MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    public static class Imports {
        /** Upper bound on rows in one import, so a runaway upload cannot fill the disk. */
        @Min(1)
        @Max(50_000_000)
        private long maxRows = 5_000_000;

        @JsonProperty
        public long getMaxRows() {
            return maxRows;
        }

        @JsonProperty
        public void setMaxRows(long maxRows) {
            this.maxRows = maxRows;
        }
    }
}
