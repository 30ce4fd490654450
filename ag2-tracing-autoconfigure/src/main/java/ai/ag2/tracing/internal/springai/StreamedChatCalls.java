package ai.ag2.tracing.internal.springai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.util.ClassUtils;

/**
 * The streamed ChatClient calls in flight. Spring AI starts a streamed call's chat observation
 * while the stream is being subscribed to, on the subscribing thread: the call being subscribed
 * to there is the one the observation stands for. Its HTTP request, sent later from another
 * thread (the OpenAI SDK hands it to the common pool), names the call in an internal header that
 * ag2 removes before the request leaves.
 * <p>
 * Internal API: may change without notice.
 */
public final class StreamedChatCalls {

	/** Name of ag2's stream advisor; its own advisor observation makes no span. */
	public static final String ADVISOR_NAME = "ag2_stream_tracing";

	/** The request header naming the streamed call; never sent to the endpoint. */
	public static final String HEADER = "x-ag2-stream-call";

	private static final String ADVISOR_CONTEXT = "org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext";

	private static final boolean CHAT_CLIENT = ClassUtils.isPresent(ADVISOR_CONTEXT,
			StreamedChatCalls.class.getClassLoader());

	private final ThreadLocal<StreamedChatCall> subscribing = new ThreadLocal<>();

	private final Map<String, StreamedChatCall> open = new ConcurrentHashMap<>();

	/** Whether {@code context} is the observation of ag2's own stream advisor. */
	static boolean isAg2Advisor(Observation.Context context) {
		return CHAT_CLIENT && AdvisorContexts.isAg2Advisor(context);
	}

	/** {@code call} is being subscribed to on this thread; returns the call it hides, if any. */
	@Nullable StreamedChatCall enter(StreamedChatCall call) {
		this.open.put(call.id(), call);
		StreamedChatCall previous = this.subscribing.get();
		this.subscribing.set(call);
		return previous;
	}

	/** The subscription that {@link #enter} began returned. */
	void exit(@Nullable StreamedChatCall previous) {
		if (previous != null) {
			this.subscribing.set(previous);
		}
		else {
			this.subscribing.remove();
		}
	}

	/** {@code call}'s stream ended: its HTTP request is sent by then. */
	void closed(StreamedChatCall call) {
		this.open.remove(call.id());
	}

	/** The call being subscribed to on this thread, if no chat observation claimed it yet. */
	@Nullable StreamedChatCall claimSubscribing() {
		StreamedChatCall call = this.subscribing.get();
		return (call != null && call.claim()) ? call : null;
	}

	/** The open call named {@code id} (the value of {@link #HEADER}). */
	@Nullable StreamedChatCall open(@Nullable String id) {
		return (id != null) ? this.open.get(id) : null;
	}

	// Loaded only with Spring AI's ChatClient on the classpath.
	private static final class AdvisorContexts {

		static boolean isAg2Advisor(Observation.Context context) {
			return context instanceof AdvisorObservationContext advisor && ADVISOR_NAME.equals(advisor.getAdvisorName());
		}

	}

}
