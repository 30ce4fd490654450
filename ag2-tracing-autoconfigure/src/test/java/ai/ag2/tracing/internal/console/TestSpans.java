package ai.ag2.tracing.internal.console;

import java.time.Duration;
import java.util.function.Consumer;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Finished spans with chosen ids, times and attributes, for exact console output.
 */
final class TestSpans {

	static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";

	private final String traceId;

	private final Resource resource;

	TestSpans(String traceId, String serviceName) {
		this.traceId = traceId;
		this.resource = Resource.create(Attributes.builder().put("service.name", serviceName).build());
	}

	/** The span id of span number {@code n} of this trace. */
	String id(int n) {
		return String.format("%016x", n + (long) this.traceId.hashCode() * 1000 + 0x1000000000L);
	}

	SpanData root(int id, String name, long startMillis, Duration duration, Consumer<AttributesBuilder> attributes) {
		return span(id, SpanContext.getInvalid(), name, startMillis, duration, attributes, StatusData.unset());
	}

	SpanData child(int id, int parent, String name, long startMillis, Duration duration,
			Consumer<AttributesBuilder> attributes) {
		return span(id, context(parent, false), name, startMillis, duration, attributes, StatusData.unset());
	}

	SpanData failed(int id, int parent, String name, long startMillis, Duration duration,
			Consumer<AttributesBuilder> attributes) {
		return span(id, context(parent, false), name, startMillis, duration, attributes, StatusData.error());
	}

	SpanData remoteChild(int id, String remoteParentSpanId, String name, long startMillis, Duration duration,
			Consumer<AttributesBuilder> attributes) {
		SpanContext parent = SpanContext.createFromRemoteParent(this.traceId, remoteParentSpanId,
				TraceFlags.getSampled(), TraceState.getDefault());
		return span(id, parent, name, startMillis, duration, attributes, StatusData.unset());
	}

	private SpanContext context(int id, boolean remote) {
		return remote ? SpanContext.createFromRemoteParent(this.traceId, id(id), TraceFlags.getSampled(),
				TraceState.getDefault())
				: SpanContext.create(this.traceId, id(id), TraceFlags.getSampled(), TraceState.getDefault());
	}

	private SpanData span(int id, SpanContext parent, String name, long startMillis, Duration duration,
			Consumer<AttributesBuilder> attributes, StatusData status) {
		AttributesBuilder builder = Attributes.builder();
		attributes.accept(builder);
		long start = Duration.ofMillis(1_700_000_000_000L + startMillis).toNanos();
		return TestSpanData.builder()
			.setSpanContext(context(id, false))
			.setParentSpanContext(parent)
			.setName(name)
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(start)
			.setEndEpochNanos(start + duration.toNanos())
			.setAttributes(builder.build())
			.setStatus(status)
			.setHasEnded(true)
			.setTotalRecordedEvents(0)
			.setTotalRecordedLinks(0)
			.setTotalAttributeCount(builder.build().size())
			.setResource(this.resource)
			.build();
	}

	static Consumer<AttributesBuilder> none() {
		return (attributes) -> {
		};
	}

}
