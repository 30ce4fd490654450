package ai.ag2.tracing.internal.openai;

import java.util.Optional;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import org.jspecify.annotations.Nullable;

/**
 * Reading the SDK's values without ever failing: a required field the endpoint left out makes the
 * SDK's accessor throw, and an accessor that an older SDK lacks throws {@code NoSuchMethodError};
 * either way that one value is skipped (reported once per kind) and the rest is read. Pass the
 * getter as a lambda, not a method reference: a reference to a missing method fails where it is
 * written, outside the {@code try}.
 */
final class SdkValues {

	private SdkValues() {
	}

	/** The value {@code getter} returns, or {@code null} when it throws. */
	static <T> @Nullable T get(String what, Supplier<@Nullable T> getter) {
		try {
			return getter.get();
		}
		catch (NoSuchMethodError ex) {
			InstrumentationFailures.warnOnce("openai-sdk-" + what, "ag2-tracing: this version of the OpenAI Java SDK "
					+ "has no accessor for " + what + " (" + ex.getMessage() + "); spans go without it");
			return null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading " + what + " of an OpenAI SDK value", ex);
			return null;
		}
	}

	/** The value of the {@code Optional} {@code getter} returns, or {@code null}. */
	static <T> @Nullable T optional(String what, Supplier<Optional<T>> getter) {
		Optional<T> value = get(what, getter);
		return (value != null) ? value.orElse(null) : null;
	}

}
