package ai.ag2.tracing.internal.aop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.internal.InstrumentationFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Evaluates the SpEL expressions of annotation attributes ({@code @Conversation(id = "#req.id")}).
 * Parameters are variables by name ({@code #request}) and position ({@code #p0}, {@code #a0});
 * {@code #result} is the return value for expressions read after the call; the root object is the
 * target bean. A failing expression is reported and yields {@code null}.
 */
public final class AnnotationTemplates {

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> parsed = new ConcurrentHashMap<>();

	/** The value of {@code expression}, before the call ({@code #result} is not set). */
	public @Nullable Object evaluate(String expression, MethodCall invocation) {
		return evaluate(expression, invocation, null, false);
	}

	/** The value of {@code expression} after the call, with {@code #result}. */
	public @Nullable Object evaluate(String expression, MethodCall invocation, @Nullable Object result) {
		return evaluate(expression, invocation, result, true);
	}

	private @Nullable Object evaluate(String expression, MethodCall invocation, @Nullable Object result,
			boolean withResult) {
		if (expression.isBlank()) {
			return null;
		}
		try {
			MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(invocation.target(),
					invocation.method(), invocation.args(), this.parameterNames);
			if (withResult) {
				context.setVariable("result", result);
			}
			return this.parsed.computeIfAbsent(expression, this.parser::parseExpression).getValue(context);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("expression '" + expression + "' on " + invocation.method(), ex);
			return null;
		}
	}

}
