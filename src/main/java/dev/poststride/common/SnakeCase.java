package dev.poststride.common;

/** Java names to the API's field names ({@code currentPassword} → {@code current_password}). */
public final class SnakeCase {

    private SnakeCase() {
    }

    public static String of(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
