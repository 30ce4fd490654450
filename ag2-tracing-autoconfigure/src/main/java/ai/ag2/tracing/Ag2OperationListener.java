package ai.ag2.tracing;

/**
 * Observes every operation ag2-tracing records, at its start and at its end: declare one as a bean
 * to add attributes to ag2's spans or to derive metrics from them. Listeners are called on the
 * thread that starts or ends the operation, in {@link org.springframework.core.annotation.Order
 * order}; they must be quick. A listener that throws is logged and skipped: it never fails the
 * traced call, the span or the other listeners.
 */
public interface Ag2OperationListener {

	/**
	 * Called before the operation's span starts: attributes set through
	 * {@link Ag2Operation#setAttribute} become start attributes.
	 * @param operation the operation
	 */
	default void onStart(Ag2Operation operation) {
	}

	/**
	 * Called when the operation has ended (its outcome, duration and usage are known) and just
	 * before its span ends.
	 * @param operation the operation
	 */
	default void onEnd(Ag2Operation operation) {
	}

}
