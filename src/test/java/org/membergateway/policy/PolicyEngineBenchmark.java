package org.membergateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decision latency over the full rule set: every scenario of the conformance table (allowed,
 * pending and denied, every rule id), decided in turn by the real policy. Run with
 * bench/policy/run.sh; results in docs/benchmarks.md. Not a test: nothing here runs in CI.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class PolicyEngineBenchmark {

    private final List<AccessRequest> requests = new ArrayList<>();
    private final List<Facts> facts = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws Exception {
        for (PolicyConformanceTest.Scenario scenario : PolicyConformanceTest.scenarios()) {
            PolicyConformanceTest.Input input = PolicyConformanceTest.input(scenario.node());
            requests.add(input.request());
            facts.add(input.facts());
        }
    }

    @Benchmark
    public Decision decide() {
        int i = next;
        next = i + 1 == requests.size() ? 0 : i + 1;
        return PolicyWorld.ENGINE.decide(requests.get(i), facts.get(i));
    }
}
