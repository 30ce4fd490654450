package ai.ag2.tracing.aop;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With content capture off, no argument or result text reaches a span except through a parameter
 * or attribute named for that purpose (DESIGN §4), and reading arguments never changes them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContentOffTracingTests {

	@Test
	void aTranscriptIsNeverTakenForSpeakerCandidatesNorTheRawReplyForTheSelectedSpeaker() {
		TracingContextRunners.withInMemoryExporter().withBean(TranscriptSelector.class, TranscriptSelector::new)
			.run((context) -> {
				String reply = context.getBean(TranscriptSelector.class)
					.next(List.of("user: my card number is 4111", "assistant: noted"), List.of("researcher", "writer"));
				assertThat(reply).isEqualTo("I think the researcher should speak next.");
				SpanData selection = TracingContextRunners.awaitSpans(context, 1).span("speaker_selection");
				assertNoTextOf(selection, "4111", "noted", "I think");
				assertThat(selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES)).isNull();
				assertThat(selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED)).isNull();
			});
	}

	@Test
	void theSelectedSpeakerIsRecordedOnlyWhenItIsOneOfTheCandidates() {
		TracingContextRunners.withInMemoryExporter().withBean(CandidateSelector.class, CandidateSelector::new)
			.run((context) -> {
				CandidateSelector selector = context.getBean(CandidateSelector.class);
				selector.select(List.of("researcher", "writer"), "writer");
				selector.select(List.of("researcher", "writer"), "Let the writer go on, she knows the topic.");
				List<SpanData> selections = TracingContextRunners.awaitSpans(context, 2).all("speaker_selection");
				assertThat(selections).extracting((span) -> span.getAttributes()
					.get(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED))
					.containsExactly("writer", null);
				assertThat(selections).allSatisfy((span) -> assertThat(span.getAttributes()
					.get(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES)).containsExactly("researcher", "writer"));
			});
	}

	@Test
	void promptsAreNeverTakenForChatRecipients() {
		TracingContextRunners.withInMemoryExporter().withBean(PromptRunner.class, PromptRunner::new).run((context) -> {
			context.getBean(PromptRunner.class).run(List.of("summarise the contract for ACME", "draft a reply"));
			SpanData chats = TracingContextRunners.awaitSpans(context, 1).span("initiate_chats");
			assertNoTextOf(chats, "ACME", "draft");
			assertThat(chats.getAttributes().get(Ag2Attributes.AG2_CHATS_RECIPIENTS)).isNull();
			assertThat(chats.getAttributes().get(Ag2Attributes.AG2_CHATS_COUNT)).isNull();
		});
	}

	@Test
	void aOneShotIterableOfChatsIsNeverConsumedBeforeTheMethodRuns() {
		TracingContextRunners.withInMemoryExporter().withBean(IterableChats.class, IterableChats::new).run((context) -> {
			assertThat(context.getBean(IterableChats.class).start(new OneShot<>(List.of("researcher", "writer"))))
				.isEqualTo(2);
			SpanData chats = TracingContextRunners.awaitSpans(context, 1).span("initiate_chats");
			assertThat(chats.getAttributes().get(Ag2Attributes.AG2_CHATS_COUNT)).isNull();
			assertThat(chats.getAttributes().get(Ag2Attributes.AG2_CHATS_RECIPIENTS)).isNull();
		});
	}

	@Test
	void withoutParameterNamesNoCandidateIsRecordedAndThatIsLoggedOnce(@TempDir Path classes, CapturedOutput output)
			throws Exception {
		Class<?> selectorClass = compileWithoutParameterNames(classes);
		TracingContextRunners.withInMemoryExporter()
			.withClassLoader(selectorClass.getClassLoader())
			.withBean("selector", selectorClass)
			.run((context) -> {
				Object selector = context.getBean("selector");
				Method next = selector.getClass().getMethod("next", List.class);
				assertThat(next.invoke(selector, List.of("researcher", "writer"))).isEqualTo("researcher");
				assertThat(next.invoke(selector, List.of("researcher", "writer"))).isEqualTo("researcher");
				for (SpanData selection : TracingContextRunners.awaitSpans(context, 2).all("speaker_selection")) {
					assertThat(selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES)).isNull();
					assertThat(selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED)).isNull();
				}
			});
		assertThat(output).containsOnlyOnce("was compiled without -parameters");
	}

	private static void assertNoTextOf(SpanData span, String... texts) {
		span.getAttributes().forEach((AttributeKey<?> key, Object value) -> {
			for (String text : texts) {
				assertThat(String.valueOf(value)).as("%s of %s", key, span.getName()).doesNotContain(text);
			}
		});
	}

	private static Class<?> compileWithoutParameterNames(Path classes) throws IOException, ReflectiveOperationException {
		Path source = classes.resolve("NamelessSelector.java");
		Files.writeString(source, """
				public class NamelessSelector {
					@ai.ag2.tracing.annotation.SpeakerSelection
					public String next(java.util.List<String> candidates) {
						return candidates.get(0);
					}
				}
				""");
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		int exit = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
				classes.toString(), source.toString());
		assertThat(exit).isZero();
		URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				ContentOffTracingTests.class.getClassLoader());
		Class<?> compiled = loader.loadClass("NamelessSelector");
		assertThat(compiled.getMethod("next", List.class).getParameters()[0].isNamePresent()).isFalse();
		return compiled;
	}

	static class TranscriptSelector {

		@SpeakerSelection
		public String next(List<String> transcript, List<String> agentNames) {
			return "I think the " + agentNames.get(0) + " should speak next.";
		}

	}

	static class CandidateSelector {

		@SpeakerSelection
		public String select(List<String> candidates, String modelReply) {
			return modelReply;
		}

	}

	static class PromptRunner {

		@MultiConversation
		public List<String> run(List<String> prompts) {
			return new ArrayList<>(prompts);
		}

	}

	static class IterableChats {

		@MultiConversation
		public int start(Iterable<String> chats) {
			int started = 0;
			for (String ignored : chats) {
				started++;
			}
			return started;
		}

	}

	/** An {@code Iterable} that can be iterated once, like a stream-backed one. */
	static final class OneShot<T> implements Iterable<T> {

		private final List<T> items;

		private boolean used;

		OneShot(List<T> items) {
			this.items = items;
		}

		@Override
		public Iterator<T> iterator() {
			if (this.used) {
				throw new IllegalStateException("already iterated");
			}
			this.used = true;
			Iterator<T> delegate = this.items.iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return delegate.hasNext();
				}

				@Override
				public T next() {
					if (!delegate.hasNext()) {
						throw new NoSuchElementException();
					}
					return delegate.next();
				}

			};
		}

	}

}
