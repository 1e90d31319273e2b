package io.jlvs.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Refuses to run kernel tests where they cannot work ({@link KernelPreconditions}), and gives every
 * {@link KernelNamespace} parameter of a test method its own fresh namespace, closed after the test
 * (after {@code @AfterEach}) whether it passed or not. Two such parameters are two namespaces.
 */
public final class KernelNamespaceExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(KernelNamespaceExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        KernelPreconditions.require();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KernelNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KernelPreconditions.require();
        KernelNamespace ns = parameter.isAnnotated(LoopbackDown.class)
                ? KernelNamespace.createWithLoopbackDown()
                : KernelNamespace.create();
        context.getStore(STORE).put("namespace-" + parameter.getIndex(),
                (ExtensionContext.Store.CloseableResource) ns::close);
        return ns;
    }
}
