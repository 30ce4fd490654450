package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.internal.AgentNames;
import org.jspecify.annotations.Nullable;

/**
 * Names of a collection or array of agents, chats or strings, for string-array attributes.
 */
final class CandidateNames {

	private CandidateNames() {
	}

	static @Nullable List<String> of(@Nullable Object values, AgentNames agentNames) {
		if (values == null) {
			return null;
		}
		List<String> names = new ArrayList<>();
		if (values instanceof Iterable<?> iterable) {
			iterable.forEach((value) -> add(names, value, agentNames));
		}
		else if (values.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(values); i++) {
				add(names, Array.get(values, i), agentNames);
			}
		}
		else {
			add(names, values, agentNames);
		}
		return names;
	}

	/** How many values a collection or array holds ({@code null} for anything else). */
	static @Nullable Integer count(@Nullable Object values) {
		if (values instanceof java.util.Collection<?> collection) {
			return collection.size();
		}
		if (values instanceof Iterable<?> iterable) {
			int count = 0;
			for (Object ignored : iterable) {
				count++;
			}
			return count;
		}
		return (values != null && values.getClass().isArray()) ? Array.getLength(values) : null;
	}

	private static void add(List<String> names, @Nullable Object value, AgentNames agentNames) {
		String name = agentNames.nameOf(value);
		if (name != null) {
			names.add(name);
		}
	}

}
