package dev.poststride.platforms.linkedin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LinkedIn OpenID Connect userinfo: the member id ({@code sub}) that posts are authored as. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
interface LinkedInAccountApi {

    @GET
    @Path("/userinfo")
    Response userinfo(@HeaderParam("Authorization") String bearer);
}
