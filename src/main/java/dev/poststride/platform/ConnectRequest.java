package dev.poststride.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/platforms/connect}. {@code flow} chooses how to connect where a platform has more than
 * one way ({@code PlatformOAuth#flowName()}; Instagram: {@code facebook_login}, the default, or {@code
 * instagram_login}).
 */
public record ConnectRequest(@NotBlank String platform, @Size(max = 2000) String redirectUri,
                             @Size(max = 40) String flow) {
}
