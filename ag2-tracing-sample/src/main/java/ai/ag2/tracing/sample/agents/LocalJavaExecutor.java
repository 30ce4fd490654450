package ai.ag2.tracing.sample.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.ag2.tracing.annotation.CodeExecution;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Runs a Java program in a new process with the running JDK's {@code java} launcher in
 * source-file mode, like AG2's local command-line executor: an {@code execute_code user_proxy}
 * span with the exit code; a non-zero exit marks the span as an error.
 */
@Component
public class LocalJavaExecutor {

	private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+class\\s+(\\w+)");

	@CodeExecution(agent = "user_proxy")
	public CodeResult execute(String source) throws IOException, InterruptedException {
		Matcher className = PUBLIC_CLASS.matcher(source);
		String fileName = (className.find() ? className.group(1) : "Main") + ".java";
		Path directory = Files.createTempDirectory("ag2-sample-code");
		try {
			Files.writeString(directory.resolve(fileName), source, StandardCharsets.UTF_8);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(List.of(java, fileName)).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new CodeResult(124, "timed out after 60 s");
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return new CodeResult(process.exitValue(), output);
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

}
