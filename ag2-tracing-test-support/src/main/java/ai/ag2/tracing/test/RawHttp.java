package ai.ag2.tracing.test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client on a plain socket, for requests that HTTP libraries will not send as
 * written: the same header on several field lines, empty field values, whitespace around values.
 * Each header is sent as its own line, in the order given.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** The status and body of a response. */
	public record Response(int status, String body) {
	}

	/**
	 * Send {@code GET path} to 127.0.0.1:{@code port}.
	 * @param headers name and value, name and value, …
	 */
	public static Response get(int port, String path, List<String> headers) throws IOException {
		StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(port).append("\r\n");
		for (int i = 0; i < headers.size(); i += 2) {
			request.append(headers.get(i)).append(':').append(headers.get(i + 1).isEmpty() ? "" : " ")
				.append(headers.get(i + 1)).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
	}

	private static Response parse(byte[] raw) throws IOException {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int headerEnd = text.indexOf("\r\n\r\n");
		String[] head = text.substring(0, headerEnd).split("\r\n");
		int status = Integer.parseInt(head[0].split(" ")[1]);
		boolean chunked = false;
		for (int i = 1; i < head.length; i++) {
			String line = head[i].toLowerCase(Locale.ROOT);
			chunked |= line.startsWith("transfer-encoding:") && line.contains("chunked");
		}
		byte[] body = Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
		return new Response(status, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		InputStream in = new ByteArrayInputStream(body);
		while (true) {
			StringBuilder size = new StringBuilder();
			int c;
			while ((c = in.read()) != '\n') {
				if (c < 0) {
					throw new IOException("truncated chunked body");
				}
				if (c != '\r') {
					size.append((char) c);
				}
			}
			int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
			if (length == 0) {
				return out.toByteArray();
			}
			out.write(in.readNBytes(length));
			in.skipNBytes(2);
		}
	}

}
