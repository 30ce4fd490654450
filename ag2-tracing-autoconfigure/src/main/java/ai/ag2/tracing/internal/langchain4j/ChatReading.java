package ai.ag2.tracing.internal.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Typed reading of LangChain4j's chat types into {@link LlmCallDetails}: the parameters of a
 * {@link ChatRequest} (then the model's defaults for what the request leaves unset), the messages
 * with their real roles and parts, and a {@link ChatResponse}'s id, model, usage (with OpenAI's
 * cached and reasoning tokens) and finish reason as the semantic conventions spell it. Messages
 * are only built when content capture is on.
 * <p>
 * Internal API: may change without notice.
 */
final class ChatReading {

	private static final String ROLE_SYSTEM = "system";

	private static final String ROLE_USER = "user";

	private static final String ROLE_ASSISTANT = "assistant";

	private static final String ROLE_TOOL = "tool";

	// langchain4j-open-ai is optional: its usage and parameter types are read only when present
	private static final boolean OPENAI_PRESENT = ClassUtils.isPresent("dev.langchain4j.model.openai.OpenAiTokenUsage",
			ChatReading.class.getClassLoader());

	private ChatReading() {
	}

	/**
	 * The {@code gen_ai.provider.name} of a LangChain4j provider, or {@code null} when it says
	 * nothing ({@code OTHER}). By name, so that constants added or removed in other LangChain4j
	 * versions never fail.
	 */
	static @Nullable String provider(@Nullable ModelProvider provider) {
		if (provider == null) {
			return null;
		}
		return switch (provider.name()) {
			case "OTHER" -> null;
			case "OPEN_AI" -> "openai";
			case "AZURE_OPEN_AI" -> "azure.ai.openai";
			case "MICROSOFT_FOUNDRY", "GITHUB_MODELS" -> "azure.ai.inference";
			case "ANTHROPIC" -> "anthropic";
			case "AMAZON_BEDROCK" -> "aws.bedrock";
			case "GOOGLE_AI_GEMINI" -> "gcp.gemini";
			case "GOOGLE_GENAI" -> "gcp.gen_ai";
			case "GOOGLE_VERTEX_AI_GEMINI", "GOOGLE_VERTEX_AI_ANTHROPIC" -> "gcp.vertex_ai";
			case "MISTRAL_AI" -> "mistral_ai";
			case "WATSONX" -> "ibm.watsonx.ai";
			default -> provider.name().toLowerCase(Locale.ROOT);
		};
	}

	/** A finish reason in the conventions' lower-case spelling ({@code TOOL_EXECUTION} → {@code tool_calls}). */
	static @Nullable String finishReason(@Nullable FinishReason reason) {
		if (reason == null) {
			return null;
		}
		return switch (reason.name()) {
			case "STOP" -> "stop";
			case "LENGTH" -> "length";
			case "TOOL_EXECUTION" -> "tool_calls";
			case "CONTENT_FILTER" -> "content_filter";
			default -> reason.name().toLowerCase(Locale.ROOT);
		};
	}

	/** What a request sets: its parameters and, with {@code messages}, its messages. */
	static void request(ChatRequest request, LlmCallDetails details, boolean messages) {
		parameters(request.parameters(), details);
		if (messages) {
			details.setInputMessages(messages(request.messages()));
		}
	}

	/** Parameters that are set, where {@code details} has none yet (the request's before the model's defaults). */
	static void parameters(@Nullable ChatRequestParameters parameters, LlmCallDetails details) {
		if (parameters == null) {
			return;
		}
		LlmCallDetails read = new LlmCallDetails();
		String model = parameters.modelName();
		if (model != null && !model.isEmpty()) {
			read.setRequestModel(model);
		}
		read.setTemperature(parameters.temperature());
		read.setTopP(parameters.topP());
		read.setFrequencyPenalty(parameters.frequencyPenalty());
		read.setPresencePenalty(parameters.presencePenalty());
		Integer maxOutputTokens = parameters.maxOutputTokens();
		if (maxOutputTokens != null) {
			read.setMaxTokens(maxOutputTokens.longValue());
		}
		List<String> stop = parameters.stopSequences();
		if (stop != null && !stop.isEmpty()) {
			read.setStopSequences(stop);
		}
		if (OPENAI_PRESENT) {
			OpenAiReading.parameters(parameters, read);
		}
		details.fillMissingFrom(read);
	}

	/** The messages in the GenAI parts schema, each with its real role. */
	static List<GenAiMessage> messages(@Nullable List<ChatMessage> messages) {
		if (messages == null) {
			return List.of();
		}
		List<GenAiMessage> converted = new ArrayList<>(messages.size());
		for (ChatMessage message : messages) {
			GenAiMessage genAi = (message != null) ? message(message, null) : null;
			if (genAi != null) {
				converted.add(genAi);
			}
		}
		return converted;
	}

	/** What a response says: id, model, usage, finish reason and, with {@code messages}, the output message. */
	static void response(ChatResponse response, LlmCallDetails details, boolean messages) {
		ChatResponseMetadata metadata = response.metadata();
		String finishReason = null;
		if (metadata != null) {
			String id = metadata.id();
			if (id != null && !id.isEmpty()) {
				details.setResponseId(id);
			}
			String model = metadata.modelName();
			if (model != null && !model.isEmpty()) {
				details.setResponseModel(model);
			}
			usage(metadata.tokenUsage(), details);
			finishReason = finishReason(metadata.finishReason());
			if (finishReason != null) {
				details.setFinishReasons(List.of(finishReason));
			}
		}
		AiMessage output = response.aiMessage();
		if (messages && output != null) {
			details.setOutputMessages(List.of(message(output, finishReason)));
		}
	}

	/** The output of a call that returned only the answer's text ({@code ChatModel.chat(String)}). */
	static void responseText(@Nullable String text, LlmCallDetails details, boolean messages) {
		if (messages && text != null) {
			details.setOutputMessages(List.of(GenAiMessage.text(ROLE_ASSISTANT, text)));
		}
	}

	static void usage(@Nullable TokenUsage usage, LlmCallDetails details) {
		if (usage == null) {
			return;
		}
		if (usage.inputTokenCount() != null) {
			details.setInputTokens(usage.inputTokenCount().longValue());
		}
		if (usage.outputTokenCount() != null) {
			details.setOutputTokens(usage.outputTokenCount().longValue());
		}
		if (OPENAI_PRESENT) {
			OpenAiReading.usage(usage, details);
		}
		// Anthropic's and Bedrock's usage types name their cache counts this way; accessors of library types
		if (details.getCacheReadInputTokens() == null
				&& ObjectProperties.read(usage, "cacheReadInputTokens") instanceof Number read) {
			details.setCacheReadInputTokens(read.longValue());
		}
		if (ObjectProperties.read(usage, "cacheCreationInputTokens") instanceof Number created) {
			details.setCacheCreationInputTokens(created.longValue());
		}
	}

	static @Nullable GenAiMessage message(ChatMessage message, @Nullable String finishReason) {
		if (message instanceof SystemMessage system) {
			return textMessage(ROLE_SYSTEM, system.text());
		}
		if (message instanceof UserMessage user) {
			List<Part> parts = new ArrayList<>(1);
			for (Content content : nonNull(user.contents())) {
				// images, audio and files have no part in ag2's schema yet: the text parts still count
				if (content instanceof TextContent text && text.text() != null) {
					parts.add(Part.text(text.text()));
				}
			}
			return new GenAiMessage(ROLE_USER, parts, null);
		}
		if (message instanceof AiMessage ai) {
			List<Part> parts = new ArrayList<>(2);
			if (ai.thinking() != null && !ai.thinking().isEmpty()) {
				parts.add(Part.reasoning(ai.thinking()));
			}
			if (ai.text() != null && !ai.text().isEmpty()) {
				parts.add(Part.text(ai.text()));
			}
			for (ToolExecutionRequest request : nonNull(ai.toolExecutionRequests())) {
				if (request != null && request.name() != null) {
					parts.add(Part.toolCall(request.id(), request.name(), request.arguments()));
				}
			}
			return new GenAiMessage(ROLE_ASSISTANT, parts, finishReason);
		}
		if (message instanceof ToolExecutionResultMessage result) {
			return new GenAiMessage(ROLE_TOOL, List.of(Part.toolCallResponse(result.id(), text(result.contents()))), null);
		}
		// CustomMessage and types of later versions: no role the conventions know
		return null;
	}

	// ToolExecutionResultMessage.text() throws for results that are not one text: join the texts instead
	private static @Nullable String text(@Nullable List<Content> contents) {
		StringBuilder text = null;
		for (Content content : nonNull(contents)) {
			if (content instanceof TextContent part && part.text() != null) {
				text = (text == null) ? new StringBuilder(part.text()) : text.append('\n').append(part.text());
			}
		}
		return (text != null) ? text.toString() : null;
	}

	private static GenAiMessage textMessage(String role, @Nullable String text) {
		return new GenAiMessage(role, (text != null) ? List.of(Part.text(text)) : List.of(), null);
	}

	private static <T> List<T> nonNull(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

}
