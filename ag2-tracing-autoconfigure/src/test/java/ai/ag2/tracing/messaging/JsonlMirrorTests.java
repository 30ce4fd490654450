package ai.ag2.tracing.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.autoconfigure.Ag2TracingJsonlAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingMessagingAutoConfiguration;
import ai.ag2.tracing.internal.jsonl.JsonlSpanExporter;
import ai.ag2.tracing.messaging.ChannelEnvelopeTracingTests.DirectChannels;
import ai.ag2.tracing.messaging.ChannelEnvelopeTracingTests.ReviewNetwork;
import ai.ag2.tracing.messaging.ReviewAgents.ReviewLoop;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSONL mirror ({@code ag2.tracing.jsonl.*}) of the review scenario's spans: read back line
 * by line as OTLP/JSON, rolled by size, and a file that cannot be written.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonlMirrorTests {

	private static final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(AutoConfigurations.of(Ag2TracingMessagingAutoConfiguration.class,
				Ag2TracingJsonlAutoConfiguration.class))
		.withUserConfiguration(ReviewNetwork.class, DirectChannels.class);

	@Test
	void withoutAPathNoFileIsWritten() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JsonlSpanExporter.class));
	}

	@Test
	void everyFinishedSpanIsWrittenAsOtlpJsonOneLinePerExportBatch() {
		Path path = this.directory.resolve("traces/spans.jsonl");
		this.runner.withPropertyValues("ag2.tracing.jsonl.path=" + path).run((context) -> {
			assertThat(context.getBean(SpanExporters.class).list()).contains(context.getBean(JsonlSpanExporter.class));
			context.getBean(ReviewLoop.class).review("check the budget");
			SpanTree exported = TracingContextRunners.awaitSpans(context, 8);

			List<JsonNode> lines = readLines(path);
			assertThat(lines).isNotEmpty();
			Map<String, JsonNode> spans = new HashMap<>();
			for (JsonNode line : lines) {
				// one ExportTraceServiceRequest per line
				assertThat(line.fieldNames()).toIterable().containsExactly("resourceSpans");
				for (JsonNode resource : line.get("resourceSpans")) {
					assertThat(attributes(resource.get("resource"))).containsKey("service.name");
					for (JsonNode scope : resource.get("scopeSpans")) {
						assertThat(scope.get("scope").get("name").asText()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
						scope.get("spans").forEach((span) -> spans.put(span.get("spanId").asText(), span));
					}
				}
			}
			assertThat(spans).hasSize(8);
			for (SpanData expected : exported.spans()) {
				JsonNode written = spans.get(expected.getSpanId());
				assertThat(written).as(expected.getName()).isNotNull();
				assertThat(written.get("name").asText()).isEqualTo(expected.getName());
				assertThat(written.get("traceId").asText()).isEqualTo(expected.getTraceId());
				assertThat(written.path("parentSpanId").asText("")).isEqualTo(
						expected.getParentSpanContext().isValid() ? expected.getParentSpanId() : "");
				assertThat(written.get("kind").asInt()).isEqualTo(expected.getKind().ordinal() + 1);
			}
			JsonNode envelope = spans.get(exported.span("send reviews").getSpanId());
			Map<String, JsonNode> envelopeAttributes = attributes(envelope);
			assertThat(envelopeAttributes.get("ag2.span.type").get("stringValue").asText()).isEqualTo("envelope");
			assertThat(envelopeAttributes.get("messaging.destination.name").get("stringValue").asText())
				.isEqualTo("reviews");
			assertThat(envelopeAttributes.get("ag2.network.sender").get("stringValue").asText()).isEqualTo("planner");
			JsonNode reviewer = spans.get(exported.span("invoke_agent reviewer").getSpanId());
			assertThat(reviewer.get("links")).hasSize(1);
			JsonNode link = reviewer.get("links").get(0);
			assertThat(link.get("spanId").asText()).isEqualTo(envelope.get("spanId").asText());
			assertThat(link.get("traceId").asText()).isEqualTo(envelope.get("traceId").asText());
			assertThat(attributes(link).get("ag2.link.kind").get("stringValue").asText()).isEqualTo("envelope");
			assertThat(attributes(spans.get(exported.span("conversation planner").getSpanId()))
				.get("gen_ai.conversation.id").get("stringValue").asText()).isEqualTo("review-7");
		});
	}

	@Test
	void theFileRollsOverAtItsMaximumSizeKeepingMaxFiles() {
		Path path = this.directory.resolve("spans.jsonl");
		this.runner.withPropertyValues("ag2.tracing.jsonl.path=" + path, "ag2.tracing.jsonl.max-file-size=4KB",
				"ag2.tracing.jsonl.max-files=3")
			.run((context) -> {
				for (int i = 0; i < 8; i++) {
					context.getBean(ReviewLoop.class).review("task " + i);
					TracingContextRunners.awaitSpans(context, 8 * (i + 1));
				}
			});
		assertThat(path).exists();
		assertThat(path.resolveSibling("spans.jsonl.1")).exists();
		assertThat(path.resolveSibling("spans.jsonl.2")).exists();
		assertThat(path.resolveSibling("spans.jsonl.3")).doesNotExist();
		for (Path file : List.of(path, path.resolveSibling("spans.jsonl.1"), path.resolveSibling("spans.jsonl.2"))) {
			List<JsonNode> lines = readLines(file);
			assertThat(lines).as(file.toString()).isNotEmpty();
			if (lines.size() > 1) {
				assertThat(file).as("a file of several lines stays under the limit").satisfies(
						(candidate) -> assertThat(Files.size(candidate)).isLessThanOrEqualTo(4096));
			}
		}
	}

	@Test
	void anUnwritablePathIsLoggedOnceAndTheApplicationCarriesOn(CapturedOutput output) throws IOException {
		Path plainFile = Files.writeString(this.directory.resolve("not-a-directory"), "x");
		Path path = plainFile.resolve("spans.jsonl");
		this.runner.withPropertyValues("ag2.tracing.jsonl.path=" + path).run((context) -> {
			for (int i = 0; i < 3; i++) {
				assertThat(context.getBean(ReviewLoop.class).review("task " + i)).isEqualTo("filed: approved: task " + i);
				// the other exporters still get every span
				assertThat(TracingContextRunners.awaitSpans(context, 8 * (i + 1)).spans()).hasSize(8 * (i + 1));
			}
		});
		assertThat(output.getOut() + output.getErr()).containsOnlyOnce("cannot write spans to the JSONL mirror " + path);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aFullDiskIsLoggedOnceAndTheApplicationCarriesOn(CapturedOutput output) {
		this.runner.withPropertyValues("ag2.tracing.jsonl.path=/dev/full").run((context) -> {
			for (int i = 0; i < 2; i++) {
				context.getBean(ReviewLoop.class).review("task " + i);
				assertThat(TracingContextRunners.awaitSpans(context, 8 * (i + 1)).spans()).hasSize(8 * (i + 1));
			}
		});
		String log = output.getOut() + output.getErr();
		assertThat(log).containsOnlyOnce("cannot write spans to the JSONL mirror /dev/full");
		assertThat(log).contains("No space left on device");
	}

	@Test
	void withoutJacksonCoreStartUpSaysWhatToAdd(CapturedOutput output) {
		TracingContextRunners.withInMemoryExporter()
			.withConfiguration(AutoConfigurations.of(Ag2TracingJsonlAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("com.fasterxml.jackson.core"))
			.withPropertyValues("ag2.tracing.jsonl.path=" + this.directory.resolve("spans.jsonl"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(JsonlSpanExporter.class);
				assertThat(output).contains("the JSONL mirror needs io.opentelemetry:opentelemetry-exporter-logging-otlp "
						+ "and com.fasterxml.jackson.core:jackson-core on the classpath");
			});
	}

	private static List<JsonNode> readLines(Path path) {
		try (Stream<String> lines = Files.lines(path)) {
			List<JsonNode> parsed = new ArrayList<>();
			for (String line : lines.toList()) {
				parsed.add(json.readTree(line));
			}
			return parsed;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, JsonNode> attributes(JsonNode owner) {
		Map<String, JsonNode> attributes = new HashMap<>();
		for (JsonNode attribute : owner.path("attributes")) {
			attributes.put(attribute.get("key").asText(), attribute.get("value"));
		}
		return attributes;
	}

}
