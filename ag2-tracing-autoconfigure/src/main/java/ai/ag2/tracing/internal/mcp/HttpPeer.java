package ai.ag2.tracing.internal.mcp;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.operation.Operation;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The two ends of the HTTP request an MCP server handles a message in, when a servlet
 * application's thread knows it (Spring's {@code RequestContextHolder}, set by Spring Boot's
 * request context filter and the dispatcher servlet): {@code client.*}, {@code server.*}, and the
 * protocol version of the session, which clients send as {@code MCP-Protocol-Version}.
 */
final class HttpPeer {

	private static final boolean SERVLET = ClassUtils.isPresent(
			"org.springframework.web.context.request.ServletRequestAttributes", HttpPeer.class.getClassLoader())
			&& ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", HttpPeer.class.getClassLoader());

	private static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

	private HttpPeer() {
	}

	static void record(Operation operation) {
		if (SERVLET) {
			Servlet.record(operation);
		}
	}

	/** Kept apart so that the servlet classes load only when they are present. */
	private static final class Servlet {

		static void record(Operation operation) {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			if (!(attributes instanceof ServletRequestAttributes servlet)) {
				return;
			}
			HttpServletRequest request = servlet.getRequest();
			operation.setIfPresent(ClientAttributes.CLIENT_ADDRESS, request.getRemoteAddr());
			if (request.getRemotePort() > 0) {
				operation.setAttribute(ClientAttributes.CLIENT_PORT, (long) request.getRemotePort());
			}
			// the version the session negotiated, which streamable-HTTP clients send with each request
			operation.setIfPresent(Ag2Attributes.MCP_PROTOCOL_VERSION, request.getHeader(PROTOCOL_VERSION_HEADER));
			operation.setIfPresent(ServerAttributes.SERVER_ADDRESS, request.getServerName());
			if (request.getServerPort() > 0) {
				operation.setAttribute(ServerAttributes.SERVER_PORT, (long) request.getServerPort());
			}
		}

	}

}
