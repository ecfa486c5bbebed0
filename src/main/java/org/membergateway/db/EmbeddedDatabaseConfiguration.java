package org.membergateway.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The embedded PostgreSQL the gateway runs when no database URL is configured. */
public class EmbeddedDatabaseConfiguration {
    /** 0 picks a free port at each start. */
    @Min(0)
    @Max(65535)
    private int port;

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }
}
