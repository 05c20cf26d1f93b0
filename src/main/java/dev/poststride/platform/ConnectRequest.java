package dev.poststride.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/platforms/connect}. */
public record ConnectRequest(@NotBlank String platform, @Size(max = 2000) String redirectUri) {
}
