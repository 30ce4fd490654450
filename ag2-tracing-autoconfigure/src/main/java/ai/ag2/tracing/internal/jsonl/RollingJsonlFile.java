package ai.ag2.tracing.internal.jsonl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * A file of lines rolled over by size: a line that would take the file past {@code maxBytes}
 * goes to a fresh file after {@code path} has moved to {@code path.1} ({@code path.1} to
 * {@code path.2}, …), keeping {@code maxFiles} files in all. A line is never split; one longer
 * than {@code maxBytes} gets a file of its own. Not thread-safe: its one writer is the span
 * processor's export thread.
 * <p>
 * Internal API: may change without notice.
 */
public final class RollingJsonlFile implements AutoCloseable {

	private final Path path;

	private final long maxBytes;

	private final int maxFiles;

	private @Nullable OutputStream out;

	private long size;

	/**
	 * @param path the file to write
	 * @param maxBytes the size at which the file rolls over
	 * @param maxFiles how many files are kept, the one being written included (at least 1)
	 */
	public RollingJsonlFile(Path path, long maxBytes, int maxFiles) {
		this.path = path.toAbsolutePath();
		this.maxBytes = Math.max(1, maxBytes);
		this.maxFiles = Math.max(1, maxFiles);
	}

	public Path path() {
		return this.path;
	}

	/** Append {@code line} (ending with its newline), rolling the file over first if it is full. */
	public void append(byte[] line) throws IOException {
		OutputStream stream = open();
		if (this.size > 0 && this.size + line.length > this.maxBytes) {
			roll();
			stream = open();
		}
		try {
			stream.write(line);
			stream.flush();
			this.size += line.length;
		}
		catch (IOException ex) {
			// a partly written line (full disk) is cut off at the next open: start afresh then
			closeQuietly();
			throw ex;
		}
	}

	private OutputStream open() throws IOException {
		OutputStream stream = this.out;
		if (stream != null) {
			return stream;
		}
		Path parent = this.path.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		stream = Files.newOutputStream(this.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		this.size = Files.size(this.path);
		this.out = stream;
		return stream;
	}

	private void roll() throws IOException {
		closeQuietly();
		if (this.maxFiles == 1) {
			Files.deleteIfExists(this.path);
			return;
		}
		Files.deleteIfExists(rolled(this.maxFiles - 1));
		for (int i = this.maxFiles - 2; i >= 1; i--) {
			Path older = rolled(i);
			if (Files.exists(older)) {
				Files.move(older, rolled(i + 1), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Files.move(this.path, rolled(1), StandardCopyOption.REPLACE_EXISTING);
	}

	/** {@code path.n}: the n-th older file. */
	public Path rolled(int n) {
		return this.path.resolveSibling(this.path.getFileName() + "." + n);
	}

	@Override
	public void close() {
		closeQuietly();
	}

	private void closeQuietly() {
		OutputStream stream = this.out;
		this.out = null;
		this.size = 0;
		if (stream != null) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				// the next open finds out whether the file can still be written
			}
		}
	}

}
