package ai.ag2.tracing.internal.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransport;
import org.jspecify.annotations.Nullable;

/**
 * What the tracing reads from and writes into MCP messages: the parameters as a map, the span
 * name's target, the {@code params._meta} property bag that carries the trace context, and
 * whether a tool result is marked {@code isError}.
 */
final class McpMessages {

	static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
	};

	private McpMessages() {
	}

	/**
	 * {@code params} as a map, the way they go on the wire: a map as it is, a schema record through
	 * {@code transport}'s JSON mapper (or the SDK's default one); {@code null} when there are none
	 * or they cannot be converted.
	 */
	@SuppressWarnings("unchecked")
	static @Nullable Map<String, Object> asMap(@Nullable Object params, @Nullable McpTransport transport) {
		if (params == null) {
			return null;
		}
		if (params instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		return (transport != null) ? transport.unmarshalFrom(params, MAP) : McpJsonDefaults.getMapper().convertValue(params, MAP);
	}

	/** The {@code params._meta} of a message, if it has one. */
	static @Nullable Map<?, ?> metaOf(@Nullable Map<?, ?> params) {
		Object meta = (params != null) ? params.get(Ag2Attributes.MCP_META) : null;
		return (meta instanceof Map<?, ?> map) ? map : null;
	}

	/**
	 * {@code params} (a copy) with {@code fields} set in their {@code _meta}, beside what the
	 * caller put there (a progress token, say); a field of the same name is replaced.
	 */
	static Map<String, Object> withMeta(@Nullable Map<String, Object> params, Map<String, String> fields) {
		Map<String, Object> copy = (params != null) ? new LinkedHashMap<>(params) : new LinkedHashMap<>();
		Map<String, Object> meta = new LinkedHashMap<>();
		Map<?, ?> existing = metaOf(params);
		if (existing != null) {
			existing.forEach((key, value) -> meta.put(String.valueOf(key), value));
		}
		meta.putAll(fields);
		copy.put(Ag2Attributes.MCP_META, meta);
		return copy;
	}

	/**
	 * The span name's target: the tool of {@code tools/call}, the prompt of {@code prompts/get};
	 * none otherwise (a resource URI is not low-cardinality enough for a span name).
	 */
	static @Nullable String targetOf(String method, @Nullable Map<?, ?> params) {
		if (params == null) {
			return null;
		}
		if (McpSchema.METHOD_TOOLS_CALL.equals(method) || McpSchema.METHOD_PROMPT_GET.equals(method)) {
			Object name = params.get("name");
			return (name instanceof String text && !text.isBlank()) ? text : null;
		}
		return null;
	}

	/** The resource URI of a {@code resources/*} request or notification, if any. */
	static @Nullable String resourceUriOf(String method, @Nullable Map<?, ?> params) {
		if (params == null || !method.contains("resources/")) {
			return null;
		}
		Object uri = params.get("uri");
		return (uri instanceof String text && !text.isBlank()) ? text : null;
	}

	static String spanName(String method, @Nullable String target) {
		return (target != null) ? method + ' ' + target : method;
	}

	/** Whether a {@code tools/call} result (a schema record or its JSON map) is marked {@code isError}. */
	static boolean isToolError(@Nullable Object result) {
		if (result instanceof McpSchema.CallToolResult callToolResult) {
			return Boolean.TRUE.equals(callToolResult.isError());
		}
		return result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("isError"));
	}

	/** A result as content: its JSON map without the {@code _meta} bag, which is no content. */
	static @Nullable Object withoutMeta(@Nullable Object result) {
		Map<String, Object> map;
		try {
			map = asMap(result, null);
		}
		catch (RuntimeException ex) {
			return result;
		}
		if (map == null || !map.containsKey(Ag2Attributes.MCP_META)) {
			return map;
		}
		Map<String, Object> copy = new LinkedHashMap<>(map);
		copy.remove(Ag2Attributes.MCP_META);
		return copy;
	}

	static @Nullable String idOf(@Nullable Object id) {
		return (id != null) ? String.valueOf(id) : null;
	}

}
