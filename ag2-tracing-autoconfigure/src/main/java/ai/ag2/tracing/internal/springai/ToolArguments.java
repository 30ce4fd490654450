package ai.ag2.tracing.internal.springai;

import ai.ag2.tracing.internal.content.ContentCapture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * A tool call's arguments, which Spring AI hands over as the JSON text the model wrote, as
 * {@code gen_ai.tool.call.arguments}: parsed so that cutting it to the maximum content length
 * keeps it valid JSON, kept as text when it is not JSON (or Jackson 3 is absent).
 */
final class ToolArguments {

	private static final boolean JACKSON_3 = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			ToolArguments.class.getClassLoader());

	// Parsing costs time linear in the text; beyond this the text is cut as it is
	private static final int MAX_PARSED_LENGTH = 1 << 20;

	private ToolArguments() {
	}

	static @Nullable String capture(@Nullable String arguments, ContentCapture content) {
		if (arguments == null || arguments.isEmpty()) {
			return null;
		}
		if (JACKSON_3 && arguments.length() <= MAX_PARSED_LENGTH) {
			try {
				return content.json(Jackson3.parse(arguments));
			}
			catch (RuntimeException ex) {
				// not JSON: the model's text as it is
			}
		}
		return content.text(arguments);
	}

	private static final class Jackson3 {

		static JsonNode parse(String json) {
			return JsonMapper.shared().readTree(json);
		}

	}

}
