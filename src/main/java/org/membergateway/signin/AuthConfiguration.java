package org.membergateway.signin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.membergateway.auth.PasswordHasher;

/** The {@code auth:} section of the configuration; {@code config/gateway.yml} and docs/auth.md describe each value. */
public class AuthConfiguration {

    /**
     * Server secret for keyed hashes of API keys and presented credentials (32+ bytes). Empty: kept
     * in {@code dataDir/keys/api-key-secret}, generated at first start. Instances sharing a database
     * must share it.
     */
    private String apiKeySecret = "";

    /** If set and no ADMIN exists, the person {@code admin} is created with this password at start. */
    private String bootstrapAdminPassword = "";

    @Valid
    @NotNull
    private Argon2 argon2 = new Argon2();

    /** How long a verified username and password are accepted without running Argon2 again. */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration credentialCacheTtl = Duration.minutes(5);

    @Min(0)
    @Max(10_000_000)
    private int credentialCacheMaxEntries = 10_000;

    /** A page session unused this long ends; the person signs in again. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @MaxDuration(value = 24, unit = TimeUnit.HOURS)
    private Duration sessionIdleTimeout = Duration.minutes(30);

    /** A page session ends this long after sign-in, however busy. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @MaxDuration(value = 7, unit = TimeUnit.DAYS)
    private Duration sessionAbsoluteTimeout = Duration.hours(12);

    @Valid
    @NotNull
    private Lockout lockout = new Lockout();

    @JsonProperty
    public String getApiKeySecret() {
        return apiKeySecret;
    }

    @JsonProperty
    public void setApiKeySecret(String apiKeySecret) {
        this.apiKeySecret = apiKeySecret == null ? "" : apiKeySecret;
    }

    @JsonProperty
    public String getBootstrapAdminPassword() {
        return bootstrapAdminPassword;
    }

    @JsonProperty
    public void setBootstrapAdminPassword(String bootstrapAdminPassword) {
        this.bootstrapAdminPassword = bootstrapAdminPassword == null ? "" : bootstrapAdminPassword;
    }

    @JsonProperty
    public Argon2 getArgon2() {
        return argon2;
    }

    @JsonProperty
    public void setArgon2(Argon2 argon2) {
        this.argon2 = argon2;
    }

    @JsonProperty
    public Duration getCredentialCacheTtl() {
        return credentialCacheTtl;
    }

    @JsonProperty
    public void setCredentialCacheTtl(Duration credentialCacheTtl) {
        this.credentialCacheTtl = credentialCacheTtl;
    }

    @JsonProperty
    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    @JsonProperty
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    @JsonProperty
    public Duration getSessionAbsoluteTimeout() {
        return sessionAbsoluteTimeout;
    }

    @JsonProperty
    public void setSessionAbsoluteTimeout(Duration sessionAbsoluteTimeout) {
        this.sessionAbsoluteTimeout = sessionAbsoluteTimeout;
    }

    @JsonProperty
    public int getCredentialCacheMaxEntries() {
        return credentialCacheMaxEntries;
    }

    @JsonProperty
    public void setCredentialCacheMaxEntries(int credentialCacheMaxEntries) {
        this.credentialCacheMaxEntries = credentialCacheMaxEntries;
    }

    @JsonProperty
    public Lockout getLockout() {
        return lockout;
    }

    @JsonProperty
    public void setLockout(Lockout lockout) {
        this.lockout = lockout;
    }

    @Override
    public String toString() {
        return "AuthConfiguration[REDACTED]";
    }

    /** Argon2id cost. The defaults are OWASP's first recommendation: about 40 ms per hash here. */
    public static class Argon2 {
        @Min(1024)
        @Max(1024 * 1024)
        private int memoryKiB = 19_456;

        @Min(1)
        @Max(100)
        private int iterations = 2;

        @Min(1)
        @Max(64)
        private int parallelism = 1;

        @JsonProperty
        public int getMemoryKiB() {
            return memoryKiB;
        }

        @JsonProperty
        public void setMemoryKiB(int memoryKiB) {
            this.memoryKiB = memoryKiB;
        }

        @JsonProperty
        public int getIterations() {
            return iterations;
        }

        @JsonProperty
        public void setIterations(int iterations) {
            this.iterations = iterations;
        }

        @JsonProperty
        public int getParallelism() {
            return parallelism;
        }

        @JsonProperty
        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        public PasswordHasher.Parameters parameters() {
            return new PasswordHasher.Parameters(memoryKiB, iterations, parallelism);
        }
    }

    /**
     * After {@code maxFailures} wrong passwords for one username within {@code failureWindow}, that
     * username is refused for {@code duration}; each further lockout doubles it, up to
     * {@code maxDuration}. Unknown usernames are treated the same, so a lockout says nothing about
     * whether an account exists.
     */
    public static class Lockout {
        @Min(1)
        @Max(1000)
        private int maxFailures = 5;

        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @MaxDuration(value = 7, unit = TimeUnit.DAYS)
        private Duration failureWindow = Duration.minutes(15);

        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        @MaxDuration(value = 7, unit = TimeUnit.DAYS)
        private Duration duration = Duration.minutes(1);

        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        @MaxDuration(value = 30, unit = TimeUnit.DAYS)
        private Duration maxDuration = Duration.hours(1);

        @JsonProperty
        public int getMaxFailures() {
            return maxFailures;
        }

        @JsonProperty
        public void setMaxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        @JsonProperty
        public Duration getFailureWindow() {
            return failureWindow;
        }

        @JsonProperty
        public void setFailureWindow(Duration failureWindow) {
            this.failureWindow = failureWindow;
        }

        @JsonProperty
        public Duration getDuration() {
            return duration;
        }

        @JsonProperty
        public void setDuration(Duration duration) {
            this.duration = duration;
        }

        @JsonProperty
        public Duration getMaxDuration() {
            return maxDuration;
        }

        @JsonProperty
        public void setMaxDuration(Duration maxDuration) {
            this.maxDuration = maxDuration;
        }
    }
}
