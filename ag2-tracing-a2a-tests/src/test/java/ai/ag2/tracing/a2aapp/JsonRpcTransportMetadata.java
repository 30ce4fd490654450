package ai.ag2.tracing.a2aapp;

import io.a2a.server.TransportMetadata;
import io.a2a.spec.TransportProtocol;

/**
 * Tells the SDK's agent card validation that this application serves JSON-RPC (registered in
 * {@code META-INF/services}): the SDK's JSON-RPC transport module has no such entry of its own,
 * its Quarkus reference server does.
 */
public class JsonRpcTransportMetadata implements TransportMetadata {

	@Override
	public String getTransportProtocol() {
		return TransportProtocol.JSONRPC.asString();
	}

}
