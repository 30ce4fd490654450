package ai.ag2.tracing.internal.reflect;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObjectProperties}: the shapes it reads and the values it gives back.
 */
class ObjectPropertiesTests {

	private static final String JSON = """
			{"exitCode":2,"stdout":"done","flags":[true,null,"x"],"nested":{"inner_value":1.5},"none":null}
			""";

	@Test
	void jackson3TreesGivePlainJavaValuesForSnakeAndCamelCaseNames() {
		assertTreeValues(new tools.jackson.databind.ObjectMapper().readTree(JSON));
	}

	@Test
	void jackson2TreesGivePlainJavaValuesForSnakeAndCamelCaseNames() throws Exception {
		assertTreeValues(new com.fasterxml.jackson.databind.ObjectMapper().readTree(JSON));
	}

	@Test
	void optionalValuesAreUnwrapped() {
		assertThat(ObjectProperties.read(new WithOptionals(), "present")).isEqualTo("here");
		assertThat(ObjectProperties.read(new WithOptionals(), "absent", "present")).isEqualTo("here");
		assertThat(ObjectProperties.read(Map.of("value", Optional.of(3)), "value")).isEqualTo(3);
	}

	@Test
	void mapsWithKeysOfAnotherTypeHaveNoProperties() {
		TreeMap<Integer, String> byNumber = new TreeMap<>(Map.of(1, "one"));
		assertThat(ObjectProperties.read(byNumber, "exit_code")).isNull();
	}

	private static void assertTreeValues(Object tree) {
		assertThat(ObjectProperties.read(tree, "exit_code")).isEqualTo(2);
		assertThat(ObjectProperties.read(tree, "output", "stdout")).isEqualTo("done");
		assertThat(ObjectProperties.read(tree, "flags")).isEqualTo(Arrays.asList(true, null, "x"));
		assertThat(ObjectProperties.read(ObjectProperties.read(tree, "nested"), "inner_value")).isEqualTo(1.5);
		assertThat(ObjectProperties.read(tree, "none")).isNull();
		assertThat(ObjectProperties.read(tree, "missing")).isNull();
	}

	public static final class WithOptionals {

		public Optional<String> getPresent() {
			return Optional.of("here");
		}

		public Optional<String> absent() {
			return Optional.empty();
		}

	}

}
