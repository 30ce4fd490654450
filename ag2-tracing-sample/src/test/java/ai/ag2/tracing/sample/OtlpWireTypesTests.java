package ai.ag2.tracing.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import ai.ag2.tracing.sample.remote.RemoteAgentServer;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the sample's attributes are typed in OTLP/JSON, as the OpenTelemetry SDK's own encoder
 * writes them (what a backend's OTLP/JSON intake must read): token counts and other integers
 * are {@code intValue} with the number as a decimal string (the proto3 JSON form of int64),
 * booleans {@code boolValue}, string arrays {@code arrayValue} of {@code stringValue}s.
 */
@SpringBootTest(properties = { "sample.run-walkthrough=false", "ag2.tracing.console.enabled=false" })
class OtlpWireTypesTests {

	@Autowired
	private Walkthrough walkthrough;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Autowired
	private RemoteAgentServer remoteAgentServer;

	@Test
	void integersAreDecimalStringsOfIntValueInOtlpJson() throws Exception {
		JsonNode attributes = attributesInOtlpJson(this.walkthrough::toolCall, "chat gpt-4o-mini");

		assertThat(attributes.get("gen_ai.usage.input_tokens").get("intValue").isString()).isTrue();
		assertThat(attributes.get("gen_ai.usage.input_tokens").get("intValue").asString()).matches("[0-9]+");
		assertThat(attributes.get("gen_ai.usage.output_tokens").get("intValue").asString()).matches("[0-9]+");
		assertThat(attributes.get("gen_ai.request.model").get("stringValue").asString()).isEqualTo("gpt-4o-mini");
		JsonNode finishReasons = attributes.get("gen_ai.response.finish_reasons").get("arrayValue").get("values");
		assertThat(finishReasons.get(0).get("stringValue").asString()).isIn("tool_calls", "stop");
	}

	@Test
	void booleansAreBoolValueAndStringArraysArrayValueInOtlpJson() throws Exception {
		JsonNode remote = attributesInOtlpJson(this.walkthrough::remoteAgent, "invoke_agent remote_researcher");
		assertThat(remote.get("gen_ai.agent.remote").get("boolValue").asBoolean()).isTrue();
		assertThat(remote.get("server.port").get("intValue").isString()).isTrue();

		JsonNode chats = attributesInOtlpJson(this.walkthrough::parallelChats, "initiate_chats");
		List<String> recipients = new ArrayList<>();
		chats.get("ag2.chats.recipients").get("arrayValue").get("values")
			.forEach((value) -> recipients.add(value.get("stringValue").asString()));
		assertThat(recipients).containsExactly("assistant", "researcher", "writer");
		assertThat(chats.get("ag2.chats.count").get("intValue").asString()).isEqualTo("3");
	}

	/** The attributes of the first span named {@code spanName}, key to OTLP/JSON {@code AnyValue}. */
	private JsonNode attributesInOtlpJson(Callable<?> scenario, String spanName) throws Exception {
		SharedInMemorySpanExporter.SPANS.reset();
		scenario.call();
		List<SpanData> spans = SharedInMemorySpanExporter.awaitCompleteTrace(this::flush).stream()
			.filter((span) -> span.getName().equals(spanName))
			.limit(1)
			.toList();
		assertThat(spans).hasSize(1);
		ObjectNode attributes = JsonMapper.builder().build().createObjectNode();
		for (JsonNode attribute : otlpJson(spans).at("/scopeSpans/0/spans/0/attributes")) {
			attributes.set(attribute.get("key").asString(), attribute.get("value"));
		}
		return attributes;
	}

	/** What the SDK's OTLP/JSON exporter writes for {@code spans} (of one service): a {@code ResourceSpans}. */
	private static JsonNode otlpJson(List<SpanData> spans) {
		Logger logger = Logger.getLogger(OtlpJsonLoggingSpanExporter.class.getName());
		List<String> written = new ArrayList<>();
		Handler capture = new Handler() {
			@Override
			public void publish(LogRecord record) {
				written.add(record.getMessage());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		Level level = logger.getLevel();
		// the sample logs at WARN, and the exporter writes at INFO
		logger.setLevel(Level.INFO);
		logger.addHandler(capture);
		try {
			OtlpJsonLoggingSpanExporter.create().export(spans).join(10, TimeUnit.SECONDS);
		}
		finally {
			logger.removeHandler(capture);
			logger.setLevel(level);
		}
		assertThat(written).hasSize(1);
		return JsonMapper.builder().build().readTree(written.get(0));
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.remoteAgentServer.flushTraces();
	}

}
