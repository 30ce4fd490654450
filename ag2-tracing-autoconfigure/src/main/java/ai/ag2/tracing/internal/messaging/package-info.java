/**
 * Envelopes: messages agents send each other over Spring Messaging channels (Spring Integration
 * included) and, through their observations, Kafka and RabbitMQ. The sender's {@code send
 * {channel}} span, the {@code ag2-*} headers, and the receiving agent turn stitched to it.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.messaging;

import org.jspecify.annotations.NullMarked;
