package ai.ag2.tracing.langchain4j;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.langchain4j.ChatModelAdvisor;
import ai.ag2.tracing.internal.langchain4j.LangChain4jTools;
import ai.ag2.tracing.internal.langchain4j.TracingHttpClientBuilder;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.AiServiceTool;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;

/**
 * ag2-tracing for LangChain4j, where a bean of the context alone cannot do it: a bean of this
 * type is in the context whenever LangChain4j is on the class path.
 * <ul>
 * <li>{@code ChatModel} and {@code StreamingChatModel} <em>beans</em> are traced without it: each
 * {@code chat} call is a {@code chat {model}} span. A model built by hand (not a bean) is traced
 * once passed through {@link #instrument}.</li>
 * <li>The model's HTTP requests carry the trace context when its builder gets
 * {@link #httpClientBuilder()}: {@code OpenAiChatModel.builder().httpClientBuilder(ag2.httpClientBuilder())}.</li>
 * <li>The tools {@code AiServices} runs are {@code execute_tool {name}} spans, with the call id
 * of the model's request, when the tool objects are passed through {@link #tools}:
 * {@code AiServices.builder(Assistant.class).tools(ag2.tools(weatherTools))}.</li>
 * </ul>
 */
public final class Ag2LangChain4j {

	private final ChatModelAdvisor advisor;

	private final Supplier<Ag2Operations> operations;

	private final @Nullable HttpClientTracing httpClientTracing;

	/**
	 * @param advisor the advisor that traces model calls
	 * @param operations the operation pipeline
	 * @param httpClientTracing the trace on the wire, or {@code null} when client propagation is off
	 */
	public Ag2LangChain4j(ChatModelAdvisor advisor, Supplier<Ag2Operations> operations,
			@Nullable HttpClientTracing httpClientTracing) {
		this.advisor = advisor;
		this.operations = operations;
		this.httpClientTracing = httpClientTracing;
	}

	/**
	 * The model, traced: a proxy of the same class (an {@code OpenAiChatModel} stays one) whose
	 * {@code chat} calls are {@code chat {model}} spans. A model already traced (a bean of the
	 * context, say) is returned as it is, and so is a model of a final class, which cannot be
	 * proxied (logged at WARN).
	 * @param model a {@code ChatModel} or {@code StreamingChatModel}
	 * @param <M> the model's type
	 * @return the traced model
	 * @throws IllegalArgumentException if {@code model} is no LangChain4j chat model
	 */
	@SuppressWarnings("unchecked")
	public <M> M instrument(M model) {
		if (!(model instanceof ChatModel) && !(model instanceof StreamingChatModel)) {
			throw new IllegalArgumentException("Not a LangChain4j ChatModel or StreamingChatModel: "
					+ ((model != null) ? model.getClass().getName() : "null"));
		}
		if (model instanceof Advised advised && Arrays.asList(advised.getAdvisors()).contains(this.advisor)) {
			return model;
		}
		if (!ChatModelAdvisor.canAdvise(model.getClass())) {
			InstrumentationFailures.warnOnce("langchain4j-final|" + model.getClass().getName(),
					"ag2-tracing: " + model.getClass().getName() + " is final, so its calls cannot be traced "
							+ "through a proxy of its class; it is used untraced");
			return model;
		}
		ProxyFactory factory = new ProxyFactory(model);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(this.advisor);
		return (M) factory.getProxy(model.getClass().getClassLoader());
	}

	/**
	 * The HTTP client LangChain4j would use (the one its class path provides, the JDK's by
	 * default), sending the trace context with every request: give it to a model builder's
	 * {@code httpClientBuilder(…)}.
	 * @return a builder of traced HTTP clients
	 */
	public HttpClientBuilder httpClientBuilder() {
		return httpClientBuilder(HttpClientBuilderLoader.loadHttpClientBuilder());
	}

	/**
	 * {@code delegate}'s HTTP clients, sending the trace context with every request.
	 * @param delegate the builder of the HTTP client to use
	 * @return a builder of traced HTTP clients; {@code delegate} itself when
	 * {@code ag2.tracing.propagation.client.enabled=false}
	 */
	public HttpClientBuilder httpClientBuilder(HttpClientBuilder delegate) {
		HttpClientTracing tracing = this.httpClientTracing;
		return (tracing != null) ? new TracingHttpClientBuilder(delegate, tracing) : delegate;
	}

	/**
	 * The LangChain4j {@code @Tool} methods of {@code objectsWithTools}, found as
	 * {@link AiServices#tools(Object...)} finds them (also on beans that are proxies, whose class
	 * carries no {@code @Tool}), each execution an {@code execute_tool {name}} span: pass them to
	 * {@link AiServices#tools(List)}.
	 * @param objectsWithTools objects with {@code @Tool} methods (beans or not)
	 * @return the traced tools
	 * @throws dev.langchain4j.service.IllegalConfigurationException as {@code AiServices} does, for
	 * an object without {@code @Tool} methods
	 */
	public List<AiServiceTool> tools(Object... objectsWithTools) {
		return LangChain4jTools.of(this.operations.get(), objectsWithTools);
	}

}
