package io.jlvs.cli.jlvsd;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Importers;
import io.jlvs.config.LvsCf;
import io.jlvs.config.ParsedConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlvsd import [--from keepalived|ipvsadm-save] FILE [-o lvs.cf]}: the virtual servers of a
 * keepalived.conf (or the output of {@code ipvsadm-save -n}) as lvs.cf. Every construct lvs.cf cannot
 * carry is a {@code file:line: warning:} on stderr; an error writes nothing and exits 78. The lvs.cf
 * is read back before it is written, and what a start would still refuse (a NAT service without the
 * {@code nat_router} the source never named) is listed on stderr.
 */
@Command(name = "import", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Convert a keepalived.conf (its virtual_server sections) or ipvsadm-save output to lvs.cf."
                + " Warnings name each construct lvs.cf cannot carry (file:line); errors write nothing (exit 78).")
final class Import implements Callable<Integer> {
    enum Source { KEEPALIVED, IPVSADM_SAVE }

    static final class SourceConverter implements CommandLine.ITypeConverter<Source> {
        @Override
        public Source convert(String value) {
            return switch (value) {
                case "keepalived" -> Source.KEEPALIVED;
                case "ipvsadm-save" -> Source.IPVSADM_SAVE;
                default -> throw new CommandLine.TypeConversionException(
                        "expected keepalived or ipvsadm-save, got '" + value + "'");
            };
        }
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "keepalived.conf, or a file of ipvsadm-save -n output")
    Path input;

    @Option(names = "--from", paramLabel = "keepalived|ipvsadm-save", converter = SourceConverter.class,
            description = "what FILE holds (default: ipvsadm-save when its first rule line starts with -A, else keepalived)")
    Source from;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write lvs.cf here (a new file; an existing one is never overwritten); default: standard output")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ExitCodes.report(err, "jlvsd import", ExitCodes.NO_INPUT, "cannot read " + input + ": " + e.getMessage());
        }
        Source source = from != null ? from : guess(text);
        ParsedConfiguration parsed;
        try {
            parsed = source == Source.KEEPALIVED ? Importers.keepalived(input.toString(), text)
                    : Importers.ipvsadmSave(input.toString(), text);
        } catch (ConfigException e) {
            e.errors().forEach(d -> err.println(d));
            e.warnings().forEach(d -> err.println(d));
            return ExitCodes.report(err, "jlvsd import", ExitCodes.CONFIG, e.errors().size() + " error(s) in " + input + "; nothing written");
        }
        parsed.warnings().forEach(d -> err.println(d));
        String lvsCf = LvsCf.write(parsed.configuration());
        try {
            LvsCf.parse(output != null ? output.toString() : "lvs.cf", lvsCf);
        } catch (ConfigException e) {
            // What the source did not say and lvs.cf needs (nat_router for NAT services, say; the
            // warnings above name it): the file is written, and what a start would refuse is listed.
            err.println("jlvsd import: the lvs.cf does not load until these are fixed (jlvsd --check says the same):");
            e.errors().forEach(d -> err.println("  " + d));
        }
        if (output == null) {
            out.print(lvsCf);
            out.flush();
        } else {
            try {
                Files.writeString(output, lvsCf, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                return ExitCodes.report(err, "jlvsd import", ExitCodes.CANT_CREATE, output + " exists; it is never overwritten");
            } catch (IOException e) {
                return ExitCodes.report(err, "jlvsd import", ExitCodes.CANT_CREATE, "cannot write " + output + ": " + e.getMessage());
            }
            err.println("jlvsd import: wrote " + output + " (" + parsed.configuration().virtualServers().size()
                    + " virtual server(s), " + parsed.warnings().size() + " warning(s)); check it with jlvsd --check -c "
                    + output);
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** ipvsadm-save output is rule lines starting with -A/-a; anything else is taken for keepalived.conf. */
    static Source guess(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .filter(l -> l.startsWith("-A ")).map(l -> Source.IPVSADM_SAVE).orElse(Source.KEEPALIVED);
    }
}
