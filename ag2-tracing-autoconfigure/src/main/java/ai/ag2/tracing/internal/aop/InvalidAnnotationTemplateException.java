package ai.ag2.tracing.internal.aop;

/**
 * An ag2 annotation attribute that is neither a literal nor a valid {@code #{…}} template: fails
 * start-up when the bean that carries it is proxied.
 * <p>
 * Internal API: may change without notice.
 */
public final class InvalidAnnotationTemplateException extends IllegalStateException {

	InvalidAnnotationTemplateException(String message) {
		super("ag2-tracing: " + message);
	}

	InvalidAnnotationTemplateException(String message, Throwable cause) {
		super("ag2-tracing: " + message, cause);
	}

}
