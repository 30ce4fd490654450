package ai.ag2.tracing.internal.content;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.jspecify.annotations.Nullable;

/**
 * Turns captured content (messages, tool arguments and results, human input, code output) into
 * attribute values: plain strings cut at the maximum length with a marker, and JSON that stays
 * valid JSON within the maximum length. When capture is off, every method returns {@code null}
 * so that no content key is ever written. Capturing never throws, never changes or consumes the
 * value, and costs time bounded by the maximum length whatever the value's size or depth (see
 * {@link JsonText}).
 * <p>
 * Internal API: may change without notice.
 */
public final class ContentCapture {

	private final boolean enabled;

	/**
	 * The longest JSON text an integration parses to record it as JSON: parsing costs time linear in
	 * the text, so longer text is cut as it is.
	 */
	public static final int MAX_PARSED_JSON_LENGTH = 1 << 20;

	private final int maxLength;

	public ContentCapture(boolean enabled, int maxLength) {
		if (maxLength < 1) {
			throw new IllegalArgumentException("ag2.tracing.max-content-length must be positive, was " + maxLength);
		}
		this.enabled = enabled;
		this.maxLength = maxLength;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * {@code value} as text cut at the maximum length; structured values (records, maps,
	 * collections) as JSON kept valid within the maximum length. Never throws: a value that
	 * cannot be written gives a placeholder naming its type.
	 */
	public @Nullable String text(@Nullable Object value) {
		if (!this.enabled || value == null) {
			return null;
		}
		try {
			return JsonText.isStructured(value) ? JsonText.json(value, this.maxLength)
					: cut(JsonText.plainText(value, this.maxLength + 1));
		}
		catch (Throwable ex) {
			failed(value, ex);
			return cut(placeholder(value));
		}
	}

	/** {@code value} as JSON text no longer than the maximum length. Never throws. */
	public @Nullable String json(@Nullable Object value) {
		if (!this.enabled || value == null) {
			return null;
		}
		return fitJson(value);
	}

	/** The arguments of {@code method} as a JSON object of parameter name to value. Never throws. */
	public @Nullable String arguments(Method method, @Nullable Object[] args) {
		if (!this.enabled) {
			return null;
		}
		Map<String, @Nullable Object> named = new LinkedHashMap<>();
		try {
			@Nullable String[] parameters = ParameterNames.of(method);
			for (int i = 0; i < parameters.length && i < args.length; i++) {
				named.put((parameters[i] != null) ? parameters[i] : "arg" + i, args[i]);
			}
		}
		catch (Throwable ex) {
			failed(method, ex);
		}
		return fitJson(named);
	}

	/**
	 * A JSON object of {@code names} to the arguments at {@code indexes} (parameter positions) of
	 * {@code args}, as {@link #json} writes a map of them. Never throws.
	 */
	public @Nullable String jsonObject(String[] names, int[] indexes, @Nullable Object[] args) {
		if (!this.enabled) {
			return null;
		}
		try {
			return JsonText.jsonObject(names, indexes, args, this.maxLength);
		}
		catch (Throwable ex) {
			failed(args, ex);
			return JsonLayout.quoteCut("<unserialisable arguments>", this.maxLength);
		}
	}

	/** {@code text} cut at the maximum length with the marker, never inside a surrogate pair. */
	String cut(String text) {
		if (text.length() <= this.maxLength) {
			return text;
		}
		return text.substring(0, JsonLayout.cutPoint(text, this.maxLength)) + Ag2Attributes.TRUNCATION_MARKER;
	}

	private @Nullable String fitJson(Object value) {
		try {
			return JsonText.json(value, this.maxLength);
		}
		catch (Throwable ex) {
			failed(value, ex);
			return JsonLayout.quoteCut(placeholder(value), this.maxLength);
		}
	}

	private static String placeholder(Object value) {
		return "<unserialisable " + value.getClass().getName() + ">";
	}

	// Capture must never cost the call: whatever escaped the writer is reported, never rethrown.
	private static void failed(Object value, Throwable ex) {
		try {
			InstrumentationFailures.report("capturing a " + value.getClass().getName() + " as content", ex);
		}
		catch (Throwable ignored) {
			// a Throwable whose own toString() fails: nothing more to say about it
		}
	}

}
