package org.membergateway.crypto;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The gateway's public OpenPGP keys (README, List requests and exports), so anyone can verify what it signed. */
@Path("/api/v1/keys")
@Tag(name = "acknowledgements")
public class OpenPgpKeyResource {

    public static final String PGP_KEYS = "application/pgp-keys";
    /** The fingerprint of the key that signs now (the others in the block are retired). */
    public static final String FINGERPRINT_HEADER = "X-Gateway-Key-Fingerprint";

    private final GatewayOpenPgpKey key;

    public OpenPgpKeyResource(GatewayOpenPgpKey key) {
        this.key = key;
    }

    @GET
    @Path("/openpgp")
    @PermitAll
    @Produces(PGP_KEYS)
    @Operation(summary = "The gateway's OpenPGP public key",
            description = "One ASCII-armored block: the current signing key first, then every retired key, so receipts "
                    + "and exports signed before a rotation still verify. `gpg --import` reads it whole; the header "
                    + FINGERPRINT_HEADER + " names the current key. No authentication.",
            responses = @ApiResponse(responseCode = "200", description = "The public keys",
                    content = @Content(mediaType = PGP_KEYS)))
    public Response openPgpKey() {
        return Response.ok(key.armoredPublicKeys(), PGP_KEYS).header(FINGERPRINT_HEADER, key.fingerprint()).build();
    }
}
