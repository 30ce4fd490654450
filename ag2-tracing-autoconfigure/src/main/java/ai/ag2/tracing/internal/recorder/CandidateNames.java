package ai.ag2.tracing.internal.recorder;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.Template;
import ai.ag2.tracing.internal.aop.TracedOperation;
import org.jspecify.annotations.Nullable;

/**
 * Names of speaker candidates and chat recipients, for string-array attributes, read without
 * letting content through (DESIGN §4): values come only from a parameter named for the purpose or
 * from the annotation's template, only from a {@code Collection} or array (a one-shot
 * {@code Iterable} is never iterated), and only elements that have a name are recorded: strings
 * and enums as they are, {@code @Agent} beans by agent name, other objects by their {@code name}.
 */
final class CandidateNames {

	private CandidateNames() {
	}

	/**
	 * The values of {@code template}, or else of the first named parameter with a collection or
	 * array argument; {@code null} when there is none. Without parameter names (code compiled
	 * without {@code -parameters}) nothing is read, and that is logged once per method.
	 */
	static @Nullable Object values(TracedOperation<?> operation, Template template, String... parameterNames) {
		MethodCall call = operation.methodCall();
		if (!template.isEmpty()) {
			return template.value(call);
		}
		if (!call.hasParameterNames()) {
			InstrumentationFailures.warnOnce("names of " + call.method(),
					"ag2-tracing: " + call.method() + " was compiled without -parameters, so its "
							+ String.join("/", parameterNames)
							+ " parameter cannot be found and none is recorded; compile with -parameters or set the "
							+ "annotation's template");
			return null;
		}
		for (String name : parameterNames) {
			Object value = call.argument(name);
			if (MethodCall.isMultiValued(value)) {
				return value;
			}
		}
		return null;
	}

	/** The names of the elements of a collection or array ({@code null} for anything else). */
	static @Nullable List<String> of(@Nullable Object values, AgentNames agentNames) {
		if (values instanceof Collection<?> collection) {
			List<String> names = new ArrayList<>(collection.size());
			for (Object value : collection.toArray()) {
				add(names, value, agentNames);
			}
			return names;
		}
		if (values != null && values.getClass().isArray() && !(values instanceof byte[])) {
			int length = Array.getLength(values);
			List<String> names = new ArrayList<>(length);
			for (int i = 0; i < length; i++) {
				add(names, Array.get(values, i), agentNames);
			}
			return names;
		}
		return null;
	}

	private static void add(List<String> names, @Nullable Object value, AgentNames agentNames) {
		String name = agentNames.nameOf(value);
		if (name != null) {
			names.add(name);
		}
	}

}
