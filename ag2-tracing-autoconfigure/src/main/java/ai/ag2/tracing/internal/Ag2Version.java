package ai.ag2.tracing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project version, written into {@code ai/ag2/tracing/version.properties} by the build, used
 * as the instrumentation scope version.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2Version {

	private static final String VERSION = load();

	private Ag2Version() {
	}

	public static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = Ag2Version.class.getResourceAsStream("/ai/ag2/tracing/version.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank() && !version.startsWith("@")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through to the manifest
		}
		String fromManifest = Ag2Version.class.getPackage().getImplementationVersion();
		return (fromManifest != null) ? fromManifest : "unknown";
	}

}
