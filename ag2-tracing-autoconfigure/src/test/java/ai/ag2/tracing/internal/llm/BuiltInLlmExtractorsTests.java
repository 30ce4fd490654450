package ai.ag2.tracing.internal.llm;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.internal.springai.SpringAiExtractor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BuiltInLlmExtractors}: which extractors there are, in which order, and that
 * optional libraries are never loaded when they are absent.
 */
class BuiltInLlmExtractorsTests {

	@Test
	void springAiExtractorComesBeforeOpenAiShapesWhenSpringAiIsPresent() {
		assertThat(BuiltInLlmExtractors.create(getClass().getClassLoader(), false)).extracting(Object::getClass)
			.containsExactly(SpringAiExtractor.class, OpenAiChatShapeExtractor.class);
	}

	@Test
	void withoutSpringAiOnlyOpenAiShapesAreRead() {
		assertThat(BuiltInLlmExtractors.create(new FilteredClassLoader(ChatResponse.class), false))
			.extracting(Object::getClass)
			.containsExactly(OpenAiChatShapeExtractor.class);
	}

	@Test
	void openAiShapesAreReadWithNeitherJacksonNorSpringAiOnTheClasspath() throws Exception {
		URL mainClasses = BuiltInLlmExtractors.class.getProtectionDomain().getCodeSource().getLocation();
		try (IsolatingClassLoader loader = new IsolatingClassLoader(mainClasses, "tools.jackson.",
				"com.fasterxml.jackson.", "org.springframework.ai.")) {
			Class<?> builtIn = loader.loadClass(BuiltInLlmExtractors.class.getName());
			assertThat(builtIn.getClassLoader()).isSameAs(loader);
			List<?> extractors = (List<?>) builtIn.getMethod("create", ClassLoader.class, boolean.class)
				.invoke(null, loader, true);
			assertThat(extractors).extracting((extractor) -> extractor.getClass().getName())
				.containsExactly(OpenAiChatShapeExtractor.class.getName());

			Class<?> detailsType = loader.loadClass(LlmCallDetails.class.getName());
			Object details = detailsType.getConstructor().newInstance();
			Method extractResponse = loader.loadClass(LlmCallExtractor.class.getName())
				.getMethod("extractResponse", Object.class, detailsType);
			assertThat(extractResponse.invoke(extractors.get(0), Shapes.recordResponse(), details)).isEqualTo(true);
			assertThat(detailsType.getMethod("getInputTokens").invoke(details)).isEqualTo(41L);
			assertThat(detailsType.getMethod("getFinishReasons").invoke(details)).isEqualTo(List.of("stop", "tool_calls"));

			assertThat(loader.isLoaded(SpringAiExtractor.class.getName())).isFalse();
			assertThat(loader.isLoaded("ai.ag2.tracing.internal.reflect.JsonTrees")).isTrue();
			assertThat(loader.isLoaded("ai.ag2.tracing.internal.reflect.JsonTrees$Jackson3Reader")).isFalse();
			assertThat(loader.isLoaded("ai.ag2.tracing.internal.reflect.JsonTrees$Jackson2Reader")).isFalse();
		}
	}

	/**
	 * Loads ag2-tracing's own classes itself (child first) and pretends that the hidden packages
	 * are not on the classpath.
	 */
	static final class IsolatingClassLoader extends URLClassLoader {

		private final List<String> hiddenPackages;

		IsolatingClassLoader(URL classes, String... hiddenPackages) {
			super(new URL[] { classes }, IsolatingClassLoader.class.getClassLoader());
			this.hiddenPackages = List.of(hiddenPackages);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				if (this.hiddenPackages.stream().anyMatch(name::startsWith)) {
					throw new ClassNotFoundException(name);
				}
				if (!name.startsWith("ai.ag2.tracing.")) {
					return super.loadClass(name, resolve);
				}
				Class<?> type = findLoadedClass(name);
				if (type == null) {
					type = findClass(name);
				}
				if (resolve) {
					resolveClass(type);
				}
				return type;
			}
		}

		boolean isLoaded(String name) {
			return findLoadedClass(name) != null;
		}

	}

}
