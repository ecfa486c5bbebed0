package org.membergateway.db;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import java.util.concurrent.TimeUnit;

/**
 * Where the database is. An empty URL (the default) means the embedded server; Dropwizard's own
 * factory insists on a URL, so it is built from these settings once the URL is known.
 */
public class DatabaseConfiguration {
    private String url = "";
    private String user = "";
    private String password = "";
    /** The schema owner that runs migrations; empty = {@link #user}. The application user should not own the schema. */
    private String migrationUser = "";
    private String migrationPassword = "";

    @Min(1)
    @Max(500)
    private int maxPoolSize = 16;

    /**
     * How long a request waits for a pooled connection before it is answered 503: a full pool
     * means the database is not keeping up, and waiting longer only piles up requests.
     */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration checkoutTimeout = Duration.seconds(5);

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public String getMigrationUser() {
        return migrationUser;
    }

    @JsonProperty
    public void setMigrationUser(String migrationUser) {
        this.migrationUser = migrationUser;
    }

    @JsonProperty
    public String getMigrationPassword() {
        return migrationPassword;
    }

    @JsonProperty
    public void setMigrationPassword(String migrationPassword) {
        this.migrationPassword = migrationPassword;
    }

    @JsonProperty
    public int getMaxPoolSize() {
        return maxPoolSize;
    }

    @JsonProperty
    public void setMaxPoolSize(int maxPoolSize) {
        this.maxPoolSize = maxPoolSize;
    }

    /**
     * The {@code server} command runs on the embedded PostgreSQL only when this is true (a
     * single-machine install); {@code demo} always may.
     */
    private boolean allowEmbedded;

    @JsonProperty
    public boolean isAllowEmbedded() {
        return allowEmbedded;
    }

    @JsonProperty
    public void setAllowEmbedded(boolean allowEmbedded) {
        this.allowEmbedded = allowEmbedded;
    }

    @JsonProperty
    public Duration getCheckoutTimeout() {
        return checkoutTimeout;
    }

    @JsonProperty
    public void setCheckoutTimeout(Duration checkoutTimeout) {
        this.checkoutTimeout = checkoutTimeout;
    }

    @Override
    public String toString() {
        return "DatabaseConfiguration[REDACTED]";
    }

    /** True when no URL is configured and the gateway runs its own PostgreSQL. Not a setting of its own. */
    @JsonIgnore
    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }
}
