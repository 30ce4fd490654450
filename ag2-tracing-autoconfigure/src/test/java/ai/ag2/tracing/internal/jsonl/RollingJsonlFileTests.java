package ai.ag2.tracing.internal.jsonl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link RollingJsonlFile}.
 */
class RollingJsonlFileTests {

	@TempDir
	Path directory;

	@Test
	void linesAreAppendedUntilTheNextWouldPassTheLimitThenTheFileRollsOver() throws IOException {
		Path path = this.directory.resolve("spans.jsonl");
		try (RollingJsonlFile file = new RollingJsonlFile(path, 10, 3)) {
			file.append(line("aaaa"));
			file.append(line("bbbb"));
			file.append(line("cccc"));
		}
		assertThat(Files.readAllLines(path)).containsExactly("cccc");
		assertThat(Files.readAllLines(rolled(path, 1))).containsExactly("aaaa", "bbbb");
		assertThat(rolled(path, 2)).doesNotExist();
	}

	@Test
	void onlyMaxFilesAreKeptTheOldestIsDeleted() throws IOException {
		Path path = this.directory.resolve("spans.jsonl");
		try (RollingJsonlFile file = new RollingJsonlFile(path, 6, 3)) {
			for (String text : List.of("one", "two", "three", "four", "five")) {
				file.append(line(text));
			}
		}
		assertThat(Files.readAllLines(path)).containsExactly("five");
		assertThat(Files.readAllLines(rolled(path, 1))).containsExactly("four");
		assertThat(Files.readAllLines(rolled(path, 2))).containsExactly("three");
		assertThat(rolled(path, 3)).doesNotExist();
		try (var files = Files.list(this.directory)) {
			assertThat(files).hasSize(3);
		}
	}

	@Test
	void aLineLongerThanTheLimitIsWrittenWholeInAFileOfItsOwn() throws IOException {
		Path path = this.directory.resolve("spans.jsonl");
		try (RollingJsonlFile file = new RollingJsonlFile(path, 8, 2)) {
			file.append(line("ab"));
			file.append(line("a line much longer than eight bytes"));
			file.append(line("cd"));
		}
		assertThat(Files.readAllLines(rolled(path, 1))).containsExactly("a line much longer than eight bytes");
		assertThat(Files.readAllLines(path)).containsExactly("cd");
	}

	@Test
	void aFileLeftByAnEarlierRunCountsTowardsTheLimit() throws IOException {
		Path path = this.directory.resolve("spans.jsonl");
		Files.writeString(path, "earlier\n");
		try (RollingJsonlFile file = new RollingJsonlFile(path, 12, 2)) {
			file.append(line("later"));
		}
		assertThat(Files.readAllLines(rolled(path, 1))).containsExactly("earlier");
		assertThat(Files.readAllLines(path)).containsExactly("later");
	}

	@Test
	void withOneFileKeptTheFileStartsAfresh() throws IOException {
		Path path = this.directory.resolve("spans.jsonl");
		try (RollingJsonlFile file = new RollingJsonlFile(path, 6, 1)) {
			file.append(line("one"));
			file.append(line("two"));
		}
		assertThat(Files.readAllLines(path)).containsExactly("two");
		assertThat(rolled(path, 1)).doesNotExist();
	}

	@Test
	void missingDirectoriesAreCreated() throws IOException {
		Path path = this.directory.resolve("traces/today/spans.jsonl");
		try (RollingJsonlFile file = new RollingJsonlFile(path, 100, 2)) {
			file.append(line("one"));
		}
		assertThat(Files.readAllLines(path)).containsExactly("one");
	}

	@Test
	void aPathThatCannotBeCreatedFailsTheAppendAndTheNextAppendTriesAgain() throws IOException {
		Path notADirectory = Files.writeString(this.directory.resolve("plain-file"), "x");
		try (RollingJsonlFile file = new RollingJsonlFile(notADirectory.resolve("spans.jsonl"), 100, 2)) {
			assertThatIOException().isThrownBy(() -> file.append(line("one")));
			Files.delete(notADirectory);
			file.append(line("two"));
		}
		assertThat(Files.readAllLines(notADirectory.resolve("spans.jsonl"))).containsExactly("two");
	}

	private static Path rolled(Path path, int n) {
		return path.resolveSibling(path.getFileName() + "." + n);
	}

	private static byte[] line(String text) {
		return (text + "\n").getBytes(StandardCharsets.UTF_8);
	}

}
