package dev.poststride.platforms;

/**
 * Where a platform's API is for a connect flow ({@link PlatformOAuth#flow()}; null for the standard one): as
 * configured, or the dev sandbox's. The connections feature decides; the HTTP kit asks.
 */
public interface ApiUrls {

    String apiUrl(PlatformKey platform, String flow);
}
