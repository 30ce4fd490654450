package ai.ag2.tracing.sample.remote;

import io.a2a.server.TransportMetadata;
import io.a2a.spec.TransportProtocol;

/**
 * Tells the A2A SDK's agent card check that the research service serves JSON-RPC (registered in
 * {@code META-INF/services}; the SDK's JSON-RPC module has no such entry of its own).
 */
public class JsonRpcTransportMetadata implements TransportMetadata {

	@Override
	public String getTransportProtocol() {
		return TransportProtocol.JSONRPC.asString();
	}

}
