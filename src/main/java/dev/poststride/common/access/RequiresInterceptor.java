package dev.poststride.common.access;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link Requires} before the resource method runs. */
@Requires
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
class RequiresInterceptor {

    private final CurrentAccess access;

    RequiresInterceptor(CurrentAccess access) {
        this.access = access;
    }

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        Requires requires = invocation.getMethod().getAnnotation(Requires.class);
        if (requires == null) {
            requires = invocation.getMethod().getDeclaringClass().getAnnotation(Requires.class);
        }
        Access current = access.get();
        if (requires.session()) {
            current.requireSession();
        }
        for (Permission permission : requires.value()) {
            current.require(permission);
        }
        return invocation.proceed();
    }
}
