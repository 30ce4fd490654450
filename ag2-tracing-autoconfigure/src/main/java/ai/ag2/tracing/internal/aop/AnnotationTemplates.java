package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.annotation.Tool;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;

/**
 * Compiles the value attributes of ag2 annotations ({@code @Conversation(id)}, {@code @Tool(callId)},
 * {@code @LlmClient(inputTokens)}, …) once per method. A value is a literal unless it is written
 * as a template {@code #{…}}, as in Spring's {@code @Value}: {@code "support-chat"} is the text
 * {@code support-chat}, {@code "#{#request.chatId}"} is evaluated with the arguments by name.
 * A value that does not parse, or a bare {@code #…} value (a SpEL expression without the
 * template braces, as ag2-tracing used to take), fails start-up with
 * {@link InvalidAnnotationTemplateException} naming the method and the attribute.
 * <p>
 * Internal API: may change without notice.
 */
public final class AnnotationTemplates {

	/** The attributes of each ag2 annotation that are values (literal or template), not names. */
	private static final Map<Class<? extends Annotation>, List<String>> VALUE_ATTRIBUTES = Map.of(Conversation.class,
			List.of("id", "maxTurns"), Tool.class, List.of("callId"), LlmClient.class,
			List.of("inputTokens", "outputTokens", "cost"), MultiConversation.class, List.of("recipients"),
			SpeakerSelection.class, List.of("candidates", "selected"), CodeExecution.class,
			List.of("exitCode", "output"));

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final TemplateParserContext TEMPLATE = new TemplateParserContext();

	private final Map<String, Template> templates;

	private AnnotationTemplates(Map<String, Template> templates) {
		this.templates = templates;
	}

	/**
	 * The value attributes of {@code annotation} on {@code method}, compiled.
	 * @throws InvalidAnnotationTemplateException when one of them is not a literal or a template
	 */
	static AnnotationTemplates compile(Annotation annotation, Method method) {
		List<String> names = VALUE_ATTRIBUTES.get(annotation.annotationType());
		if (names == null) {
			return new AnnotationTemplates(Map.of());
		}
		Map<String, Template> templates = new HashMap<>(names.size() * 2);
		for (String name : names) {
			Object value = AnnotationUtils.getValue(annotation, name);
			templates.put(name, compile(annotation, method, name, (value instanceof String text) ? text : ""));
		}
		return new AnnotationTemplates(Map.copyOf(templates));
	}

	/** The compiled attribute {@code name}; an empty template for attributes that are not values. */
	public Template get(String name) {
		Template template = this.templates.get(name);
		return (template != null) ? template : Template.EMPTY;
	}

	private static Template compile(Annotation annotation, Method method, String attribute, String value) {
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			return Template.EMPTY;
		}
		String where = "@" + annotation.annotationType().getSimpleName() + "(" + attribute + " = \"" + value
				+ "\") on " + ClassUtils.getQualifiedMethodName(method);
		if (!trimmed.contains("#{")) {
			if (trimmed.startsWith("#")) {
				throw new InvalidAnnotationTemplateException(where + " looks like a SpEL expression but is taken as a "
						+ "literal: annotation values are literals unless written as a template, as in @Value; write \"#{"
						+ trimmed + "}\"");
			}
			return Template.literal(value, where);
		}
		try {
			Expression expression = PARSER.parseExpression(value, TEMPLATE);
			return Template.expression(expression, where);
		}
		catch (ParseException | IllegalStateException ex) {
			throw new InvalidAnnotationTemplateException(where + " is not a valid template: " + ex.getMessage(), ex);
		}
	}

	/** Whether any value attribute of these templates is set. */
	boolean isEmpty() {
		return this.templates.values().stream().allMatch(Template::isEmpty);
	}

	static @Nullable List<String> valueAttributes(Class<? extends Annotation> type) {
		return VALUE_ATTRIBUTES.get(type);
	}

}
