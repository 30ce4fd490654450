package ai.ag2.tracing.internal.springai;

import java.util.HashMap;
import java.util.Map;

import ai.ag2.tracing.internal.InstrumentationFailures;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * ag2's stream advisor, last before Spring AI's model call in every auto-configured
 * {@code ChatClient}: it sees each streamed model call's chunks (time to first chunk, the usage
 * they carry) and, for OpenAI, names the call in a request header so that its HTTP request, sent
 * from a thread that has lost the trace, is traced under the call's span. Streaming only: blocking
 * calls keep their context on the calling thread. Its own advisor observation makes no span.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2StreamAdvisor implements StreamAdvisor {

	private static final boolean OPENAI = ClassUtils.isPresent("org.springframework.ai.openai.OpenAiChatOptions",
			Ag2StreamAdvisor.class.getClassLoader());

	private final StreamedChatCalls calls;

	public Ag2StreamAdvisor(StreamedChatCalls calls) {
		this.calls = calls;
	}

	@Override
	public String getName() {
		return StreamedChatCalls.ADVISOR_NAME;
	}

	@Override
	public int getOrder() {
		// just before Spring AI's ChatModelStreamAdvisor (LOWEST_PRECEDENCE): inside the tool loop, one per model call
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		StreamedChatCall call;
		ChatClientRequest named = request;
		try {
			call = new StreamedChatCall();
			if (OPENAI) {
				named = OpenAi.named(request, call.id());
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("preparing a streamed Spring AI call for tracing", ex);
			return chain.nextStream(request);
		}
		return watch(call, chain.nextStream(named));
	}

	// The call is known while it is subscribed to (when Spring AI starts its chat observation) and
	// open until its stream ends; it sees every chunk.
	private Flux<ChatClientResponse> watch(StreamedChatCall call, Flux<ChatClientResponse> responses) {
		Runnable ended = () -> {
			this.calls.closed(call);
			call.streamEnded();
		};
		// before the signal travels on: the caller hears of the end after the call has ended
		Flux<ChatClientResponse> watched = responses.doOnNext((response) -> call.onChunk(response.chatResponse()))
			.doOnTerminate(ended)
			.doOnCancel(ended);
		return Flux.from((subscriber) -> {
			StreamedChatCall previous = this.calls.enter(call);
			try {
				watched.subscribe(subscriber);
			}
			finally {
				this.calls.exit(previous);
			}
		});
	}

	// Loaded only with Spring AI's OpenAI model on the classpath.
	private static final class OpenAi {

		static ChatClientRequest named(ChatClientRequest request, String id) {
			Prompt prompt = request.prompt();
			ChatOptions options = prompt.getOptions();
			if (!(options instanceof OpenAiChatOptions openAi)) {
				return request;
			}
			Map<String, String> headers = new HashMap<>();
			if (openAi.getCustomHeaders() != null) {
				headers.putAll(openAi.getCustomHeaders());
			}
			headers.put(StreamedChatCalls.HEADER, id);
			OpenAiChatOptions named = openAi.mutate().customHeaders(headers).build();
			return request.mutate().prompt(prompt.mutate().chatOptions(named).build()).build();
		}

	}

}
