package ai.ag2.tracing.internal.messaging;

import ai.ag2.tracing.internal.operation.Operation;

/**
 * An envelope on its way out: its operation (ag2's own span, or the library's adopted one) and
 * the envelope its headers describe.
 * <p>
 * Internal API: may change without notice.
 *
 * @param operation the envelope's operation, started
 * @param envelope the envelope
 * @param adopted whether the span is the library's own (its observation ends it)
 */
public record EnvelopeSend(Operation operation, Envelope envelope, boolean adopted) {

}
