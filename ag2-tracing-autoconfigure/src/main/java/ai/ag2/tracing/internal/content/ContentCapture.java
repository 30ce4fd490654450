package ai.ag2.tracing.internal.content;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.jspecify.annotations.Nullable;

/**
 * Turns captured content (messages, tool arguments and results, human input, code output) into
 * attribute values: plain strings cut at the maximum length with a marker, and JSON that stays
 * valid JSON within the maximum length. When capture is off, every method returns {@code null}
 * so that no content key is ever written.
 * <p>
 * Internal API: may change without notice.
 */
public final class ContentCapture {

	private final boolean enabled;

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
	 * collections) as JSON kept valid within the maximum length.
	 */
	public @Nullable String text(@Nullable Object value) {
		if (!this.enabled || value == null) {
			return null;
		}
		return JsonText.isStructured(value) ? fitJson(value) : cut(JsonText.text(value));
	}

	/** {@code value} as JSON text no longer than the maximum length. */
	public @Nullable String json(@Nullable Object value) {
		if (!this.enabled || value == null) {
			return null;
		}
		return fitJson(value);
	}

	/** The arguments of {@code method} as a JSON object of parameter name to value. */
	public @Nullable String arguments(Method method, @Nullable Object[] args) {
		if (!this.enabled) {
			return null;
		}
		@Nullable String[] parameters = ParameterNames.of(method);
		Map<String, @Nullable Object> named = new LinkedHashMap<>();
		for (int i = 0; i < parameters.length && i < args.length; i++) {
			named.put((parameters[i] != null) ? parameters[i] : "arg" + i, args[i]);
		}
		return fitJson(named);
	}

	String cut(String text) {
		return (text.length() <= this.maxLength) ? text
				: text.substring(0, this.maxLength) + Ag2Attributes.TRUNCATION_MARKER;
	}

	// Find the largest cap on each string that keeps the whole document within the maximum length.
	// Every attempt stops writing once past the maximum, so a huge value costs no more than that.
	private String fitJson(Object value) {
		String full = JsonText.writeWithin(value, Integer.MAX_VALUE, this.maxLength);
		if (full != null) {
			return full;
		}
		if (JsonText.writeWithin(value, 0, this.maxLength) == null) {
			return fitByDroppingLeadingItems(value);
		}
		int low = 0;
		int high = this.maxLength;
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (JsonText.writeWithin(value, mid, this.maxLength) != null) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return JsonText.write(value, low);
	}

	// Structure alone is too long: keep the newest items of a list, or the document as one string.
	private String fitByDroppingLeadingItems(Object value) {
		if (JsonText.isList(value)) {
			List<?> items = new ArrayList<>((Collection<?>) value);
			int budget = this.maxLength - 2;
			int used = 0;
			int first = items.size();
			for (int i = items.size() - 1; i >= 0; i--) {
				String item = JsonText.writeWithin(items.get(i), 0, budget);
				int cost = (item != null) ? item.length() + ((first < items.size()) ? 1 : 0) : Integer.MAX_VALUE;
				if (item == null || used + cost > budget) {
					break;
				}
				used += cost;
				first = i;
			}
			return (first < items.size()) ? fitJson(items.subList(first, items.size())) : "[]";
		}
		// escaping can at most sextuple a character (\u0000), so this prefix is always enough
		String text = JsonText.writePrefix(value, this.maxLength * 6 + 16);
		int low = 0;
		int high = text.length();
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (JsonText.quote(text.substring(0, mid) + Ag2Attributes.TRUNCATION_MARKER).length() <= this.maxLength) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return JsonText.quote(text.substring(0, low) + Ag2Attributes.TRUNCATION_MARKER);
	}

}
