package ai.ag2.tracing.internal.aop;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;

/**
 * One value attribute of an ag2 annotation, compiled: empty, a literal, or a {@code #{…}} template
 * evaluated with the call's arguments by name ({@code #request}) and position ({@code #p0}),
 * {@code #result} after the call, and the target bean as the root object. A template that fails
 * at run time is reported once per method and attribute, and yields {@code null}, so the
 * attribute is left out.
 * <p>
 * Internal API: may change without notice.
 */
public final class Template {

	static final Template EMPTY = new Template(null, null, "");

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new CompiledParameterNames();

	private final @Nullable String literal;

	private final @Nullable Expression expression;

	private final String where;

	private Template(@Nullable String literal, @Nullable Expression expression, String where) {
		this.literal = literal;
		this.expression = expression;
		this.where = where;
	}

	static Template literal(String value, String where) {
		return new Template(value, null, where);
	}

	static Template expression(Expression expression, String where) {
		return new Template(null, expression, where);
	}

	/** Whether the attribute was left empty. */
	public boolean isEmpty() {
		return this.literal == null && this.expression == null;
	}

	/** The value before the call (no {@code #result}). */
	public @Nullable Object value(MethodCall call) {
		return evaluate(call, null, false);
	}

	/** The value after the call, with {@code #result}. */
	public @Nullable Object value(MethodCall call, @Nullable Object result) {
		return evaluate(call, result, true);
	}

	private @Nullable Object evaluate(MethodCall call, @Nullable Object result, boolean withResult) {
		if (this.literal != null) {
			return this.literal;
		}
		Expression compiled = this.expression;
		if (compiled == null) {
			return null;
		}
		try {
			MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(call.target(), call.method(),
					call.args(), PARAMETER_NAMES);
			if (withResult) {
				context.setVariable("result", result);
			}
			return compiled.getValue(context);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("evaluating " + this.where + " (the attribute is left out)", ex);
			return null;
		}
	}

	// Names come from -parameters (ParameterNames), as everywhere in ag2-tracing; without them
	// templates still see #p0, #a0.
	private static final class CompiledParameterNames implements ParameterNameDiscoverer {

		@Override
		public String @Nullable [] getParameterNames(Method method) {
			@Nullable String[] names = ParameterNames.of(method);
			for (String name : names) {
				if (name == null) {
					return null;
				}
			}
			return names;
		}

		@Override
		public String @Nullable [] getParameterNames(Constructor<?> ctor) {
			return null;
		}

	}

}
