package dev.poststride.common;

import java.util.List;

/** An unpaged list answer: {@code {"items": [...]}}. */
public record Items<T>(List<T> items) {
}
