package ai.ag2.tracing.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * What each agent of a test application received (headers as text, and the thread), and the
 * verdicts its archivist kept.
 */
final class Deliveries {

	private final List<Delivery> deliveries = new ArrayList<>();

	private final BlockingQueue<String> archived = new LinkedBlockingQueue<>();

	synchronized void add(String agent, Object payload, Map<String, ?> headers) {
		Map<String, String> text = new java.util.HashMap<>();
		headers.forEach((name, value) -> text.put(name, (value instanceof byte[] bytes)
				? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value)));
		this.deliveries.add(new Delivery(agent, payload, text, Thread.currentThread().getName()));
	}

	synchronized Delivery of(String agent) {
		return this.deliveries.stream()
			.filter((delivery) -> delivery.agent().equals(agent))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing delivered to " + agent + " in " + this.deliveries));
	}

	void archive(String verdict) {
		this.archived.add(verdict);
	}

	String awaitArchived() throws InterruptedException {
		String verdict = this.archived.poll(30, TimeUnit.SECONDS);
		if (verdict == null) {
			throw new IllegalStateException("nothing was archived");
		}
		return verdict;
	}

	record Delivery(String agent, Object payload, Map<String, String> headers, String thread) {

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

	}

}
