package io.jlvs.cli.jlvsadm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into options and other words the way popt does for ipvsadm: short options
 * may be bundled ("-Ln", "-At", "-p600"), a short option's argument may follow it in the same word,
 * long options take "--name=value" or "--name value", an optional argument (-p) is taken from the
 * next word only if that word does not start with '-', "--" ends the options, and words that are not
 * options are collected wherever they appear (ipvsadm reads them for --set, and refuses them otherwise).
 */
final class ArgumentScanner {
    private ArgumentScanner() {}

    /** One option as given: which, its argument (null if none), and how it was spelled. */
    record Occurrence(CliOption option, String argument, String spelling) {}

    /** The options in order, and the other words in order. */
    record Scan(List<Occurrence> options, List<String> words) {}

    static Scan scan(List<String> args) throws UsageException {
        List<Occurrence> options = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (word.equals("--")) {
                words.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (word.startsWith("--")) {
                i = longOption(args, i, options);
            } else if (word.startsWith("-") && word.length() > 1) {
                i = shortOptions(args, i, options);
            } else {
                words.add(word);
            }
        }
        return new Scan(List.copyOf(options), List.copyOf(words));
    }

    private static int longOption(List<String> args, int i, List<Occurrence> out) throws UsageException {
        String word = args.get(i);
        int eq = word.indexOf('=');
        String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
        String spelling = "--" + name;
        CliOption option = CliOption.byLongName(name);
        if (option == null) {
            throw new UsageException("unknown option '" + spelling + "'");
        }
        String argument = eq < 0 ? null : word.substring(eq + 1);
        switch (option.arg()) {
            case NONE -> {
                if (argument != null) {
                    throw new UsageException("option '" + spelling + "' takes no argument, not '" + argument + "'");
                }
            }
            case REQUIRED -> {
                if (argument == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option '" + spelling + "' needs an argument");
                    }
                    argument = args.get(++i);
                }
            }
            case OPTIONAL -> {
                if (argument == null && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    argument = args.get(++i);
                }
            }
        }
        out.add(new Occurrence(option, argument, spelling));
        return i;
    }

    private static int shortOptions(List<String> args, int i, List<Occurrence> out) throws UsageException {
        String word = args.get(i);
        for (int k = 1; k < word.length(); k++) {
            char letter = word.charAt(k);
            String spelling = "-" + letter;
            CliOption option = CliOption.byShortName(letter);
            if (option == null) {
                throw new UsageException("unknown option '" + spelling + "'" + (word.length() > 2 ? " in '" + word + "'" : ""));
            }
            String rest = word.substring(k + 1);
            String argument = null;
            switch (option.arg()) {
                case NONE -> { }
                case REQUIRED -> {
                    if (!rest.isEmpty()) {
                        argument = rest;
                    } else if (i + 1 < args.size()) {
                        argument = args.get(++i);
                    } else {
                        throw new UsageException("option '" + spelling + "' needs an argument");
                    }
                }
                case OPTIONAL -> {
                    if (!rest.isEmpty()) {
                        argument = rest;
                    } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        argument = args.get(++i);
                    }
                }
            }
            out.add(new Occurrence(option, argument, spelling));
            if (argument != null) {
                return i;
            }
        }
        return i;
    }
}
