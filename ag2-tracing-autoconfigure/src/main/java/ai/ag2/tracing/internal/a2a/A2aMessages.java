package ai.ag2.tracing.internal.a2a;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.GenAiMessage;
import io.a2a.spec.Artifact;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.TextPart;
import org.jspecify.annotations.Nullable;

/**
 * The text of A2A messages and artifacts as GenAI messages: text parts only (files and data parts
 * are not content the conventions' parts schema has a text for), the A2A roles {@code user} and
 * {@code agent} as {@code user} and {@code assistant}. Used only with content capture on.
 */
final class A2aMessages {

	private A2aMessages() {
	}

	/** {@code message} as a GenAI message, or {@code null} when it has no text part. */
	static @Nullable GenAiMessage of(@Nullable Message message) {
		if (message == null) {
			return null;
		}
		List<GenAiMessage.Part> parts = new ArrayList<>();
		addText(message.getParts(), parts);
		if (parts.isEmpty()) {
			return null;
		}
		return new GenAiMessage(roleOf(message), parts, null);
	}

	/** The text parts of {@code artifacts} and then of {@code message}, as one assistant message. */
	static @Nullable GenAiMessage answer(@Nullable List<Artifact> artifacts, @Nullable Message message) {
		List<GenAiMessage.Part> parts = new ArrayList<>();
		if (artifacts != null) {
			for (Artifact artifact : artifacts) {
				if (artifact != null) {
					addText(artifact.parts(), parts);
				}
			}
		}
		if (message != null) {
			addText(message.getParts(), parts);
		}
		return parts.isEmpty() ? null : new GenAiMessage("assistant", parts, null);
	}

	private static void addText(@Nullable List<Part<?>> parts, List<GenAiMessage.Part> into) {
		if (parts == null) {
			return;
		}
		for (Part<?> part : parts) {
			if (part instanceof TextPart text && text.getText() != null) {
				into.add(GenAiMessage.Part.text(text.getText()));
			}
		}
	}

	private static String roleOf(Message message) {
		return (message.getRole() == Message.Role.AGENT) ? "assistant" : "user";
	}

}
