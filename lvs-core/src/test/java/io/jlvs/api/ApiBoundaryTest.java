package io.jlvs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of jLVS's published modules is what their module-info exports to everyone, and it
 * is closed: no public or protected member of an exported type takes, returns, throws or extends a
 * type outside it (an {@code internal} class, or a package-private one). A user could not name such a
 * type, and an internal class reached through the API would be API by accident.
 */
class ApiBoundaryTest {

    @Test
    void theExportedPackagesOfNativeAndCoreNameNoTypeOutsideThem() throws Exception {
        List<Path> roots = List.of(root(Syscalls.class), root(IpvsClient.class));
        Set<String> exported = new TreeSet<>();
        List<String> classes = new ArrayList<>();
        for (Path r : roots) {
            try (FileSystem fs = open(r)) {
                Path base = fs == null ? r : fs.getPath("/");
                ModuleDescriptor d;
                try (InputStream in = Files.newInputStream(base.resolve("module-info.class"))) {
                    d = ModuleDescriptor.read(in);
                }
                Set<String> mine = new HashSet<>();
                d.exports().stream().filter(e -> !e.isQualified()).forEach(e -> mine.add(e.source()));
                d.exports().stream().filter(e -> !e.isQualified())
                        .forEach(e -> assertTrue(!e.source().contains("internal"), d.name() + " exports " + e.source()));
                exported.addAll(mine);
                try (Stream<Path> s = Files.walk(base)) {
                    s.map(p -> base.relativize(p).toString()).filter(n -> n.endsWith(".class") && !n.contains("module-info"))
                            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                            .filter(n -> mine.contains(n.substring(0, n.lastIndexOf('.'))))
                            .forEach(classes::add);
                }
            }
        }
        assertTrue(exported.contains("io.jlvs.ipvs") && exported.contains("io.jlvs.sys"), exported.toString());
        assertTrue(classes.size() > 100, "found only " + classes.size() + " classes");
        List<String> leaks = new ArrayList<>();
        for (String name : classes) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (!api(c)) {
                continue;
            }
            check(c, "extends", c.getGenericSuperclass(), exported, leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(c, "implements", t, exported, leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f)) {
                    check(c, "field " + f.getName(), f.getGenericType(), exported, leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    checkExecutable(c, k, exported, leaks);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                    check(c, m.getName() + "() returns", m.getGenericReturnType(), exported, leaks);
                    checkExecutable(c, m, exported, leaks);
                }
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    check(c, "component " + rc.getName(), rc.getGenericType(), exported, leaks);
                }
            }
        }
        assertEquals(List.of(), leaks, "public API that names a type outside the exported packages");
    }

    /** A type a user can name: public, in an exported package, inside public (or protected) classes. */
    private static boolean api(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) && !Modifier.isProtected(k.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic();
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()) && !Modifier.isFinal(m.getDeclaringClass().getModifiers());
    }

    private static void checkExecutable(Class<?> c, Executable e, Set<String> exported, List<String> leaks) {
        String what = (e instanceof Constructor ? "constructor" : e.getName() + "()");
        for (Type t : e.getGenericParameterTypes()) {
            check(c, what + " takes", t, exported, leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(c, what + " throws", t, exported, leaks);
        }
    }

    private static void check(Class<?> owner, String where, Type t, Set<String> exported, List<String> leaks) {
        if (t == null) {
            return;
        }
        switch (t) {
            case Class<?> k when k.isArray() -> check(owner, where, k.getComponentType(), exported, leaks);
            case Class<?> k -> {
                String pkg = k.getPackageName();
                if (pkg.startsWith("io.jlvs") && (!exported.contains(pkg) || !api(k))) {
                    leaks.add(owner.getName() + " " + where + " " + k.getName());
                }
            }
            case ParameterizedType p -> {
                check(owner, where, p.getRawType(), exported, leaks);
                for (Type a : p.getActualTypeArguments()) {
                    check(owner, where, a, exported, leaks);
                }
            }
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    check(owner, where, b, exported, leaks);
                }
                for (Type b : w.getLowerBounds()) {
                    check(owner, where, b, exported, leaks);
                }
            }
            case GenericArrayType g -> check(owner, where, g.getGenericComponentType(), exported, leaks);
            case TypeVariable<?> v -> { } // bounds are checked where the variable is declared
            default -> leaks.add(owner.getName() + " " + where + " unknown type " + t);
        }
    }

    private static Path root(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static FileSystem open(Path root) throws IOException {
        return Files.isDirectory(root) ? null : FileSystems.newFileSystem(root);
    }
}
