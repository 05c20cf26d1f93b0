package dev.poststride.common;

import java.util.ArrayList;
import java.util.List;

/** A page of a list answer: {@code {"items", "page", "size", "total_items", "total_pages"}}. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        return new Page<>(items, request.page(), request.size(), totalItems,
                          (totalItems + request.size() - 1) / request.size());
    }

    /**
     * {@code ?page=0&size=20}: size 1..100 (default 20), page from 0 up to the last page an offset can reach. Read
     * from the raw query text, so {@code page=abc} is a 422 naming the field rather than the 404 JAX-RS gives a
     * query parameter it cannot convert.
     */
    public record PageRequest(int page, int size) {

        /** The highest row offset a page may start at. */
        static final long MAX_OFFSET = Integer.MAX_VALUE;

        public static PageRequest of(String page, String size) {
            List<Problem.FieldError> errors = new ArrayList<>();
            int p = number("page", page, 0, errors);
            int s = number("size", size, 20, errors);
            if (p < 0) {
                errors.add(new Problem.FieldError("page", "must be 0 or more"));
            }
            if (s < 1 || s > 100) {
                errors.add(new Problem.FieldError("size", "must be between 1 and 100"));
            } else if ((long) p * s > MAX_OFFSET) {
                errors.add(new Problem.FieldError("page", "is beyond the last page any list can have"));
            }
            if (!errors.isEmpty()) {
                throw new Problems.Invalid(errors);
            }
            return new PageRequest(p, s);
        }

        public int offset() {
            return page * size;
        }

        private static int number(String field, String text, int absent, List<Problem.FieldError> errors) {
            if (text == null || text.isBlank()) {
                return absent;
            }
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError(field, "must be a whole number"));
                return absent;
            }
        }
    }
}
