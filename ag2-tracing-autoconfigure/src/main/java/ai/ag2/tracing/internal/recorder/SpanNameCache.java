package ai.ag2.tracing.internal.recorder;

import org.jspecify.annotations.Nullable;

/**
 * {@code prefix name} span names of one method, made once per name rather than once per call: a
 * method's spans almost always carry the same agent name, call after call. The name is compared
 * on every call, so a different one (another bean of the same class) gets its own span name.
 */
final class SpanNameCache {

	private final String prefix;

	private volatile @Nullable Named last;

	SpanNameCache(String prefix) {
		this.prefix = prefix;
	}

	String of(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return this.prefix;
		}
		Named known = this.last;
		if (known != null && known.name().equals(name)) {
			return known.spanName();
		}
		String spanName = this.prefix + ' ' + name;
		this.last = new Named(name, spanName);
		return spanName;
	}

	private record Named(String name, String spanName) {
	}

}
