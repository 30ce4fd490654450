package ai.ag2.tracing.internal.a2a;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.a2a.server.ServerCallContext;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The context each A2A request was received in, by its {@link ServerCallContext}: the SDK's
 * request handler runs {@code AgentExecutor.execute} on a thread pool of its own, where no context
 * is current, but hands it the same {@code ServerCallContext} in the {@code RequestContext}. The
 * handlers' advice remembers the request thread's context here; the executor's advice takes it
 * back. Keys are weak: an entry goes with its request.
 * <p>
 * Internal API: may change without notice.
 */
public final class A2aServerCalls {

	private final Map<ServerCallContext, Call> calls = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Remember the context {@code callContext}'s request is served in; an agent name already known
	 * for it (the JSON-RPC handler knows its card, the request handler it calls does not) is kept.
	 */
	void remember(ServerCallContext callContext, Call call) {
		this.calls.merge(callContext, call,
				(known, added) -> (added.agentName() == null && known.agentName() != null)
						? new Call(added.context(), known.agentName(), known.agentDescription()) : added);
	}

	/** The call {@code callContext} belongs to, if a handler saw it. */
	@Nullable Call of(@Nullable ServerCallContext callContext) {
		return (callContext != null) ? this.calls.get(callContext) : null;
	}

	/**
	 * One A2A request as the handler saw it.
	 *
	 * @param context the context it is served in (its {@code a2a-execution} span)
	 * @param agentName the name of the agent card it is served for, if the handler knows it
	 * @param agentDescription the card's description, if any
	 */
	record Call(Context context, @Nullable String agentName, @Nullable String agentDescription) {
	}

}
