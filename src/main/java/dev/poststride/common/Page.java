package dev.poststride.common;

import java.util.ArrayList;
import java.util.List;

/** A page of a list answer: {@code {"items", "page", "size", "total_items", "total_pages"}}. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        return new Page<>(items, request.page(), request.size(), totalItems,
                          (totalItems + request.size() - 1) / request.size());
    }

    /** {@code ?page=0&size=20}: size 1..100 (default 20), page from 0. */
    public record PageRequest(int page, int size) {

        public static PageRequest of(Integer page, Integer size) {
            List<Problem.FieldError> errors = new ArrayList<>();
            int p = page == null ? 0 : page;
            int s = size == null ? 20 : size;
            if (p < 0) {
                errors.add(new Problem.FieldError("page", "must be 0 or more"));
            }
            if (s < 1 || s > 100) {
                errors.add(new Problem.FieldError("size", "must be between 1 and 100"));
            }
            if (!errors.isEmpty()) {
                throw new Problems.Invalid(errors);
            }
            return new PageRequest(p, s);
        }

        public int offset() {
            return page * size;
        }
    }
}
