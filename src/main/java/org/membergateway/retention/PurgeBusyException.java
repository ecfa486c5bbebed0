package org.membergateway.retention;

import org.membergateway.http.ApiException;

/** Another purge (on this or another instance) holds the lock: 409, try again once it has finished. */
public final class PurgeBusyException extends ApiException {

    public PurgeBusyException() {
        super(409, "PURGE_RUNNING", null, "A retention purge is already running (here or on another instance); try again"
                + " once it has finished");
    }
}
