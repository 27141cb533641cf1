package org.referraldecisions.ruleset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads every rule set under a rules directory and compiles them, in parallel, into a catalogue.
 * All problems across all rule sets are collected before failing, so one run shows everything to fix.
 */
public final class RulesetLoader {

    private RulesetLoader() {
    }

    /**
     * Compiles one rule set from files held in memory: the rule set's own files first, then those of
     * each include in manifest order (as {@link CompiledRuleset#files()} gives them). Used to bring back
     * an archived rule set whose directory has since changed or gone.
     */
    public static CompiledRuleset compile(List<RulesetFiles> ownThenIncludes, String displayRoot) {
        return RulesetCompiler.compile(ownThenIncludes.get(0), ownThenIncludes.subList(1, ownThenIncludes.size()), displayRoot);
    }

    /** Compiles on one thread per processor. */
    public static RulesetCatalog load(Path rulesRoot) {
        return load(rulesRoot, null, id -> { }, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Compiles on at most {@code threads} threads: a reload in a running service compiles on fewer than
     * there are processors, so deciding keeps the rest.
     */
    public static RulesetCatalog load(Path rulesRoot, int threads) {
        return load(rulesRoot, null, id -> { }, threads);
    }

    /**
     * Compiles only the versions of the given areas (every version, so a case decides by date as the service
     * would) and the libraries they include; all rule sets when {@code areas} is null. {@code compiled} hears
     * of each rule set as it is ready (a progress line for a terminal).
     */
    public static RulesetCatalog load(Path rulesRoot, Set<String> areas, Consumer<RulesetId> compiledOne) {
        return load(rulesRoot, areas, compiledOne, Runtime.getRuntime().availableProcessors());
    }

    private static RulesetCatalog load(Path rulesRoot, Set<String> areas, Consumer<RulesetId> compiledOne, int threads) {
        List<RulesetFiles> found = RulesetReader.readAll(rulesRoot);
        String displayRoot = RulesetReader.display(rulesRoot, rulesRoot);
        Map<RulesetId, RulesetFiles> byId = new HashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        for (RulesetFiles files : found) {
            byId.put(files.manifest().id(), files);
        }
        List<RulesetFiles> all = areas == null ? found : needed(found, areas);
        for (RulesetFiles files : all) {
            for (RulesetId include : files.manifest().includes()) {
                RulesetFiles included = byId.get(include);
                if (included == null) {
                    problems.add(displayRoot + "/" + files.manifest().area() + "/" + files.manifest().version()
                            + "/ruleset.yaml: includes " + include + ", which is not under " + displayRoot);
                } else if (!included.manifest().library()) {
                    problems.add(displayRoot + "/" + files.manifest().area() + "/" + files.manifest().version()
                            + "/ruleset.yaml: includes " + include + ", which is not a library (kind: library)");
                } else if (!included.manifest().includes().isEmpty()) {
                    problems.add(displayRoot + "/" + include.area() + "/" + include.version()
                            + "/ruleset.yaml: a library may not include other rule sets");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        List<CompiledRuleset> compiled = Collections.synchronizedList(new ArrayList<>());
        Map<RulesetId, RulesetCompiler.Packages> packages = new ConcurrentHashMap<>();
        // Drools finds its services through the thread context class loader; in the executable jar that is
        // the application's loader, which the common fork-join pool's threads do not have. Hence our own threads.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(all.size(), threads)), task -> {
            Thread thread = new Thread(task, "ruleset-compiler");
            thread.setContextClassLoader(loader);
            thread.setDaemon(true);
            return thread;
        });
        try {
            // First each rule set's own DRL, once (a library included by every area is compiled once) ...
            inParallel(pool, all, files -> packages.put(files.manifest().id(), RulesetCompiler.compilePackages(files, displayRoot)), problems);
            if (problems.isEmpty()) {
                // ... then each rule set's rule base from its own packages and its includes'.
                inParallel(pool, all, files -> {
                    compiled.add(RulesetCompiler.assemble(packages.get(files.manifest().id()),
                            files.manifest().includes().stream().map(packages::get).toList()));
                    compiledOne.accept(files.manifest().id());
                }, problems);
            }
        } finally {
            pool.shutdownNow();
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems.stream().sorted().distinct().toList());
        }
        return new RulesetCatalog(compiled);
    }

    /** The rule sets of the areas named (all versions) and the libraries any of them includes. */
    private static List<RulesetFiles> needed(List<RulesetFiles> found, Set<String> areas) {
        Set<RulesetId> includes = new HashSet<>();
        found.stream().filter(f -> areas.contains(f.manifest().area()) && !f.manifest().library())
                .forEach(f -> includes.addAll(f.manifest().includes()));
        return found.stream().filter(f -> (areas.contains(f.manifest().area()) && !f.manifest().library())
                || includes.contains(f.manifest().id())).toList();
    }

    private static void inParallel(ExecutorService pool, List<RulesetFiles> all, Consumer<RulesetFiles> step, List<String> problems) {
        List<Future<?>> running = new ArrayList<>();
        for (RulesetFiles files : all) {
            running.add(pool.submit(() -> {
                try {
                    step.accept(files);
                } catch (RulesetException e) {
                    problems.addAll(e.problems());
                }
            }));
        }
        try {
            for (Future<?> task : running) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesetException("interrupted while compiling rule sets");
        } catch (ExecutionException e) {
            throw new IllegalStateException("rule set compilation failed unexpectedly", e.getCause());
        }
    }
}
