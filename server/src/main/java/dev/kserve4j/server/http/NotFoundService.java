package dev.kserve4j.server.http;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.protocol.v2.V2MetadataCodec;

/** Answers paths no route serves with a JSON 404 that names the path. */
public final class NotFoundService implements HttpService {
  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpErrors.json(
        HttpStatus.NOT_FOUND,
        V2MetadataCodec.error(
            "no route for " + req.method() + " " + ctx.path()
                + " (expected a V1 /v1/models/..., V2 /v2/... or /metrics path)"));
  }
}
