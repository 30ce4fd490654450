package ai.ag2.tracing.internal.springai;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.opentelemetry.context.Context;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.util.ClassUtils;

/**
 * Spring AI's framework observations ({@code ChatClient}, advisors, embeddings, …) keep the names
 * and kinds Spring AI gives them, and inside an ag2 conversation or agent turn carry its
 * {@code gen_ai.conversation.id} and {@code gen_ai.agent.name}, as every span there does. Their ag2
 * context is kept for observations started inside them on other threads. The OkHttp request of a
 * model call carries them too, and records the endpoint on the call's LLM span. Runs after the tracing
 * handlers, as Spring Boot registers handlers outside a group.
 * <p>
 * Internal API: may change without notice.
 */
public final class SpringAiFrameworkObservationHandler implements ObservationHandler<Observation.Context> {

	private static final String SPRING_AI = "org.springframework.ai.";

	private static final boolean OKHTTP = ClassUtils.isPresent(
			"io.micrometer.core.instrument.binder.okhttp3.OkHttpContext",
			SpringAiFrameworkObservationHandler.class.getClassLoader())
			&& ClassUtils.isPresent("okhttp3.HttpUrl", SpringAiFrameworkObservationHandler.class.getClassLoader());

	@Override
	public boolean supportsContext(Observation.Context context) {
		if (context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext) {
			return false;
		}
		return context.getClass().getName().startsWith(SPRING_AI) || (OKHTTP && OkHttp.isOkHttp(context));
	}

	@Override
	public void onStart(Observation.Context context) {
		try {
			if (OKHTTP && OkHttp.isOkHttp(context)) {
				Ag2Frame frame = OkHttp.recordServer(context);
				if (frame != null) {
					addConversation(context, frame);
				}
				return;
			}
			Context current = Context.current();
			if (Ag2Frame.from(current) == null) {
				ObservationView parent = context.getParentObservation();
				Context stored = (parent != null) ? ObservedContexts.nearest(parent.getContextView()) : null;
				if (stored != null) {
					current = stored;
				}
			}
			ObservedContexts.store(context, current);
			Ag2Frame frame = Ag2Frame.from(current);
			if (frame != null) {
				addConversation(context, frame);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("enriching a Spring AI observation", ex);
		}
	}

	private static void addConversation(Observation.Context context, Ag2Frame frame) {
		ConversationState conversation = frame.conversation();
		if (conversation != null) {
			context.addHighCardinalityKeyValue(
					KeyValue.of(Ag2Attributes.GEN_AI_CONVERSATION_ID.getKey(), conversation.id()));
		}
		String agentName = frame.agentName();
		if (agentName != null) {
			context.addHighCardinalityKeyValue(KeyValue.of(Ag2Attributes.GEN_AI_AGENT_NAME.getKey(), agentName));
		}
	}

	// Loaded only with Micrometer's OkHttp binder and OkHttp on the classpath.
	private static final class OkHttp {

		static boolean isOkHttp(Observation.Context context) {
			return context instanceof OkHttpContext;
		}

		/** The model call's frame, if this request is one's, with the endpoint recorded on it. */
		static @Nullable Ag2Frame recordServer(Observation.Context context) {
			Ag2Frame frame = Ag2Frame.from(Context.current());
			StreamedChatCall streamed = context.get(StreamedChatCall.class);
			Context streamedContext = (streamed != null) ? streamed.context() : null;
			if (streamedContext != null) {
				// a streamed call's request, traced by ag2's sender handler, which recorded the endpoint
				return Ag2Frame.from(streamedContext);
			}
			LlmCallDetails details = (frame != null) ? frame.llmDetails() : null;
			if (details == null) {
				return null;
			}
			HttpUrl url = ((OkHttpContext) context).getOriginalRequest().url();
			synchronized (details) {
				if (details.getServerAddress() == null) {
					details.setServerAddress(url.host());
					details.setServerPort((long) url.port());
				}
			}
			return frame;
		}

	}

}
