package io.jlvs.config;

import io.jlvs.config.internal.ConfigText;
import io.jlvs.config.internal.ImportDraft;
import io.jlvs.config.internal.IpvsadmSaveReader;
import io.jlvs.config.internal.KeepalivedReader;
import io.jlvs.config.internal.Problems;
import java.nio.file.Path;

/**
 * Reads other tools' configurations into the lvs.cf model, to migrate with
 * {@code LvsCf.write(Importers.ipvsadmSave(...).configuration())}. What lvs.cf cannot hold is
 * reported as a warning naming the key or option and its line, never dropped silently; what the
 * source does not say (the NAT router, a firewall-mark service's VIP) is reported so the operator
 * can add it. The imported configuration is not checked against the rules for a runnable lvs.cf
 * (nat_router for NAT, for instance): write it out, complete it, and read it with {@link LvsCf}.
 */
public final class Importers {
    private Importers() {}

    /** {@code ipvsadm-save} or {@code ipvsadm -Sn} output: -A and -a rules. */
    public static ParsedConfiguration ipvsadmSave(String fileName, String text) throws ConfigException {
        Problems problems = new Problems(fileName);
        ImportDraft.Imported imported = new IpvsadmSaveReader(problems).read(text);
        return result(fileName, imported, problems);
    }

    /**
     * The {@code virtual_server} sections of a keepalived.conf, and {@code script_user} of its
     * {@code global_defs}; other sections and keys are reported and skipped.
     */
    public static ParsedConfiguration keepalived(String fileName, String text) throws ConfigException {
        Problems problems = new Problems(fileName);
        ImportDraft.Imported imported = new KeepalivedReader(problems).read(text);
        return result(fileName, imported, problems);
    }

    /** Reads a file with {@link #keepalived} or {@link #ipvsadmSave}, naming it in diagnostics. */
    public static ParsedConfiguration read(Path file, boolean keepalived) throws ConfigException {
        String text = ConfigText.read(file);
        return keepalived ? keepalived(file.toString(), text) : ipvsadmSave(file.toString(), text);
    }

    private static ParsedConfiguration result(String fileName, ImportDraft.Imported imported, Problems problems)
            throws ConfigException {
        problems.throwIfErrors();
        ClusterSettings cluster = ClusterSettings.defaults().withNetwork(imported.network())
                .withCheckScriptUser(imported.scriptUser());
        return new ParsedConfiguration(new Configuration(fileName, cluster, imported.virtualServers()),
                problems.warnings());
    }
}
