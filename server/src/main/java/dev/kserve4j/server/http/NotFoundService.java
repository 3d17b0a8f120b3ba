package dev.kserve4j.server.http;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.common.KServeException;

/** Answers paths no route serves with a JSON 404 that names the path. */
public final class NotFoundService implements HttpService {
  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpErrors.response(
        KServeException.notFound(
            "no route for "
                + req.method()
                + " "
                + ctx.path()
                + " (expected a V1 /v1/models/..., V2 /v2/... or /metrics path)"));
  }
}
