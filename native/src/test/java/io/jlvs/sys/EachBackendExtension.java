package io.jlvs.sys;

import java.util.List;
import java.util.stream.Stream;

import io.jlvs.sys.internal.ForeignBackend;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a {@link ForEachBackend} test on JNR always, and on FFM from JDK 22 on. FFM is chosen by the JDK's
 * version, not by {@link SyscallBackend#isSupported()}: on JDK 22+ a build without the FFM backend is
 * broken, and its tests must fail rather than quietly run on JNR alone.
 */
final class EachBackendExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Stream<SyscallBackend> backends = Runtime.version().feature() >= ForeignBackend.MINIMUM_JAVA
                ? Stream.of(SyscallBackend.JNR, SyscallBackend.FFM)
                : Stream.of(SyscallBackend.JNR);
        return backends.map(Invocation::new);
    }

    private record Invocation(SyscallBackend backend) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + backend.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
                    return parameter.getParameter().getType() == Syscalls.class;
                }

                @Override
                public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
                    return backend.syscalls();
                }
            });
        }
    }
}
