package ai.ag2.tracing.internal.reflect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonTrees}: arrays and objects come back as views read as far as they are
 * read, so a deep or huge tree costs only what is used of it.
 */
class JsonTreesTests {

	@Test
	void aHundredThousandDeepJackson3ArrayIsReadOneLevelAtATime() {
		tools.jackson.databind.node.ArrayNode root = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
		tools.jackson.databind.node.ArrayNode current = root;
		for (int i = 0; i < 100_000; i++) {
			current = current.addArray();
		}
		current.add("bottom");
		Object java = JsonTrees.toJava(root);
		assertThat(java).isInstanceOf(List.class);
		assertThat((List<?>) java).hasSize(1);
		assertThat(((List<?>) java).get(0)).isInstanceOf(List.class);
	}

	@Test
	void aHundredThousandDeepJackson2MemberIsReadOneLevelAtATime() {
		com.fasterxml.jackson.databind.node.ArrayNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
			.arrayNode();
		com.fasterxml.jackson.databind.node.ArrayNode current = root;
		for (int i = 0; i < 100_000; i++) {
			current = current.addArray();
		}
		com.fasterxml.jackson.databind.node.ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
			.objectNode();
		request.set("messages", root);
		Object messages = ObjectProperties.read(request, "messages");
		assertThat(messages).isInstanceOf(List.class);
		assertThat((List<?>) messages).hasSize(1);
	}

	@Test
	void objectFieldsAreAViewInTheNodesOrder() {
		Object tree = new tools.jackson.databind.ObjectMapper()
			.readTree("{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{\"d\":2},\"n\":null}");
		Map<String, Object> fields = JsonTrees.fields(tree);
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("b", 1);
		expected.put("a", Arrays.asList(true, null, "x"));
		expected.put("c", ((tools.jackson.databind.JsonNode) tree).get("c"));
		expected.put("n", null);
		assertThat(fields).containsExactlyEntriesOf(expected);
		assertThat(fields.get("a")).isEqualTo(Arrays.asList(true, null, "x"));
		assertThat(fields.containsKey("n")).isTrue();
		assertThat(fields.containsKey("missing")).isFalse();
		assertThat(fields).hasSize(4);
	}

}
