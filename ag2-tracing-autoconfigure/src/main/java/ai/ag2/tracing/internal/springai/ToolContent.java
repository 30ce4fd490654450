package ai.ag2.tracing.internal.springai;

import ai.ag2.tracing.internal.content.ContentCapture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * A tool call's arguments and result as Spring AI hands them over, JSON text: the arguments as
 * the model wrote them ({@code gen_ai.tool.call.arguments}) parsed so that cutting them to the
 * maximum content length keeps them valid JSON; the result ({@code gen_ai.tool.call.result}) as the
 * text the tool returned when Spring AI's converter made a JSON string of it. Either is kept as
 * text when it is not JSON (or Jackson 3 is absent).
 */
final class ToolContent {

	private static final boolean JACKSON_3 = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			ToolContent.class.getClassLoader());

	private ToolContent() {
	}

	static @Nullable String arguments(@Nullable String arguments, ContentCapture content) {
		if (arguments == null || arguments.isEmpty()) {
			return null;
		}
		if (JACKSON_3 && arguments.length() <= ContentCapture.MAX_PARSED_JSON_LENGTH) {
			try {
				return content.json(Jackson3.parse(arguments));
			}
			catch (RuntimeException ex) {
				// not JSON: the model's text as it is
			}
		}
		return content.text(arguments);
	}

	static @Nullable String result(@Nullable String result, ContentCapture content) {
		if (result == null) {
			return null;
		}
		if (JACKSON_3 && result.length() <= ContentCapture.MAX_PARSED_JSON_LENGTH && result.startsWith("\"")) {
			try {
				JsonNode node = Jackson3.parse(result);
				if (node.isString()) {
					return content.text(node.asString());
				}
			}
			catch (RuntimeException ex) {
				// not JSON: the text as it is
			}
		}
		return content.text(result);
	}

	private static final class Jackson3 {

		static JsonNode parse(String json) {
			return JsonMapper.shared().readTree(json);
		}

	}

}
