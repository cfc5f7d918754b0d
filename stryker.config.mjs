// Mutation testing of the core modules (README, "Tests", "Mutation testing"). Not part of
// `npm test` or CI: tens of minutes on 2 cores.
//
//   npm run mutation                                  every module below, with the tests of all of them
//   MUTATION_MODULE=schedule npm run mutation         one module with its own tests (the usual way)
//   npm run mutation -- --mutate <file>               any file, with every test (slow)
//   MUTATION_SPEC=test/a.test.ts,test/b.test.ts npm run mutation -- --mutate <file>
//
// Choose test files with MUTATION_MODULE or MUTATION_SPEC, never with Stryker's
// --testFiles: with it, Stryker 9.6's mocha runner runs no test at all for a static
// mutant (one evaluated when a module loads, such as a constant table) and reports it
// as survived.
//
// The components are linked into node_modules by the npm workspace
// (node_modules/@kgsports/* -> ../../components/*), so a sandbox copy of the project
// would still load the original components: Stryker mutates the files in place and
// puts the originals back when it is done. Do not edit the mutated files while it runs
// (an interrupted run restores them too; after a crash, check `git diff`).

/** Each core module: the files mutated and the tests that pin it. */
const MODULES = {
    // The config's runner and its slices (what validate.ts held before the slices).
    validate: {
        // The slices' checks and decisions: the line ranges are what follows each key table (update them when a slice file changes); the tables are pinned by the generated documents' test instead.
        mutate: [
            "stacks/config/validate.ts",
            "stacks/config/parseKeys.ts",
            "stacks/config/stackIdentity.ts",
            "stacks/config/slices/access.ts:115-202",
            "stacks/config/slices/matchday.ts:82-126",
            "stacks/config/slices/network.ts:36-52",
            "stacks/config/slices/webTier.ts:132-270",
            "stacks/config/slices/backup.ts",
            "stacks/config/slices/cost.ts",
            "stacks/config/slices/hybrid.ts",
            "stacks/config/slices/observability.ts",
            "stacks/config/slices/pipeline.ts",
            "stacks/config/slices/reservations.ts",
        ],
        spec: [
            "test/config.validate.test.ts",
            "test/config.validate.pinned.test.ts",
            "test/config.hybrid.test.ts",
            "test/config.backup.test.ts",
            "test/config.observability.test.ts",
            "test/config.pipeline.test.ts",
            "test/config.lambdaRuntime.test.ts",
            "test/config.slices.test.ts",
            "test/config.reservations.test.ts",
            "test/config.capacityCost.test.ts",
            "test/config.slices.pinned.test.ts",
        ],
    },
    // The UserStore (issue 23): its slice (after the key table), the store's load and the warm
    // throughput the fixtures need, the component's checks and decisions, and the plan diff's
    // warnings about the store.
    "user-store": {
        mutate: [
            "stacks/config/slices/userStore.ts:96-223",
            "stacks/capacity/storeLoad.ts",
            "stacks/capacity/storeNeed.ts",
            "components/user-store/validation.ts",
            "components/user-store/decisions.ts",
            "stacks/plan/diffWarnings.ts:301-361",
        ],
        spec: [
            "test/config.userStore.test.ts",
            "test/capacity.storeLoad.test.ts",
            "test/userStore.test.ts",
            "test/userStore.policies.test.ts",
        ],
    },
    // The stack's Lambda runtimes against the dated facts (stacks/facts/datedFacts.ts).
    "lambda-runtime": {
        mutate: ["stacks/config/lambdaRuntime.ts"],
        spec: ["test/config.lambdaRuntime.test.ts"],
    },
    schedule: {
        // instanceMaths.ts: requiredInstances and ceilTolerant, moved out of schedule.ts (issue 22).
        mutate: ["stacks/capacity/schedule.ts", "stacks/capacity/instanceMaths.ts"],
        spec: [
            "test/capacity.schedule.test.ts",
            "test/capacity.schedule.pinned.test.ts",
            "test/capacity.floorProfile.test.ts",
            "test/capacity.simulation.test.ts",
            "test/capacity.fixtures.test.ts",
            "test/capacity.actionNames.test.ts",
            "test/capacity.bench.pinned.test.ts",
        ],
    },
    fixtures: {
        // planDefaults.ts holds the ranges the checks used to write out (PLAN_RANGES), planInput.ts the
        // default names of the plan's settings in messages (issue 22).
        mutate: ["stacks/capacity/fixtures.ts", "stacks/capacity/planDefaults.ts", "stacks/capacity/planInput.ts"],
        spec: [
            "test/capacity.fixtures.test.ts",
            "test/capacity.fixtures.pinned.test.ts",
            "test/capacity.fixtures.oneRun.test.ts",
            "test/capacity.fixtures.mutants.test.ts",
            "test/capacity.kickoff.test.ts",
            "test/capacity.kickoffForms.test.ts",
            "test/capacity.schedule.test.ts",
            // Target tracking's surge over concurrent fixtures (surgeProblems) is pinned there.
            "test/config.capacityCost.test.ts",
        ],
    },
    simulation: {
        mutate: ["stacks/capacity/simulation.ts"],
        spec: [
            "test/capacity.simulation.test.ts",
            "test/capacity.simulation.pinned.test.ts",
            "test/capacity.timing.test.ts",
            "test/capacity.onPremise.test.ts",
            "test/capacity.chart.test.ts",
            "test/capacity.bench.pinned.test.ts",
        ],
    },
    // The benchmark and its report lines (the README quotes them).
    bench: {
        mutate: ["stacks/capacity/bench.ts"],
        spec: ["test/capacity.bench.pinned.test.ts", "test/capacity.readme.test.ts", "test/capacity.simulation.test.ts"],
    },
    "access-control": {
        mutate: ["components/access-control/policies.ts", "components/access-control/pipelinePolicies.ts"],
        spec: ["test/accessControl.policies.test.ts", "test/iam.simulated.test.ts"],
    },
    // The table of what the deploy role may do per resource type; its tests plan both stacks.
    "resource-actions": {
        mutate: ["components/access-control/resourceActions.ts"],
        spec: ["test/accessControl.coverage.test.ts"],
    },
    // The hybrid link's failover function: its decision (pure) and its handler (the AWS calls,
    // against the ELBv2 model of test/helpers/failoverAws.ts).
    "failover-decision": {
        mutate: ["components/hybrid-link/failover/decide.ts"],
        spec: ["test/hybridLink.failover.test.ts", "test/hybridLink.failoverRace.test.ts"],
    },
    "failover-handler": {
        mutate: ["components/hybrid-link/failover/handler.ts"],
        spec: ["test/hybridLink.failover.test.ts", "test/hybridLink.failoverRace.test.ts"],
    },
    // The alarm factories: metrics, dimensions, thresholds, missing data, routes (the page or the on-premise warning).
    "observability-alarms": {
        mutate: ["components/observability/alarms.ts"],
        spec: [
            "test/observability.alarmRules.test.ts",
            "test/observability.pure.test.ts",
            "test/observability.metrics.test.ts",
            "test/observability.composite.test.ts",
            "test/observability.test.ts",
            "test/observability.readme.test.ts",
        ],
    },
    // The pull request's diff (issue 20): fixture changes and NO CAPACITY, the dashboard line, the comment cut.
    "plan-diff": {
        mutate: ["stacks/plan/fixtureChanges.ts", "stacks/plan/dashboardChanges.ts", "stacks/plan/diffSections.ts"],
        spec: ["test/plan.fixtureEdit.test.ts", "test/plan.diffSections.test.ts"],
    },
    // Kickoff times as the team types them: every refused form and the string to write.
    kickoff: {
        mutate: ["stacks/capacity/kickoffTime.ts"],
        spec: ["test/capacity.kickoff.test.ts", "test/capacity.kickoffForms.test.ts", "test/capacity.kickoffMessages.test.ts"],
    },
    // The capacity reserved under the fleet (issue 21): LCU sizing, the plan per match day and window, what a deploy declares.
    reservations: {
        mutate: ["stacks/capacity/reservationPlan.ts", "stacks/capacity/loadBalancerCapacity.ts", "stacks/config/reservations.ts"],
        spec: ["test/capacity.reservationPlan.test.ts", "test/capacity.reservationModel.test.ts", "test/config.reservations.test.ts", "test/readme.reservations.test.ts", "test/capacity.reservations.mutants.test.ts"],
    },
    // The whole bill of a night and the season by component, and its price table.
    bill: {
        mutate: ["stacks/capacity/bill.ts", "stacks/capacity/priceTable.ts"],
        spec: ["test/capacity.bill.test.ts", "test/capacity.bill.mutants.test.ts", "test/readme.reservations.test.ts"],
    },
    // The CapacityReservations component: its schedules' requests, the role's documents, validation.
    "capacity-reservations": {
        mutate: ["components/capacity-reservations/schedules.ts", "components/capacity-reservations/policies.ts", "components/capacity-reservations/validation.ts"],
        spec: ["test/capacityReservations.test.ts"],
    },
    "web-tier": {
        mutate: ["components/scaling-web-tier/scalingWebTier.ts", "components/scaling-web-tier/args.ts", "components/scaling-web-tier/decisions.ts"],
        spec: ["test/scalingWebTier.test.ts", "test/scalingWebTier.pinned.test.ts"],
    },
};

const selected = process.env.MUTATION_MODULE;
if (selected !== undefined && !(selected in MODULES)) {
    throw new Error(`MUTATION_MODULE=${selected}: allowed: ${Object.keys(MODULES).join(", ")}`);
}
const modules = selected ? [MODULES[selected]] : Object.values(MODULES);
const spec = process.env.MUTATION_SPEC
    ? process.env.MUTATION_SPEC.split(",").map((f) => f.trim()).filter((f) => f !== "")
    : [...new Set(modules.flatMap((m) => m.spec))];
const report = selected ?? "mutation";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    $schema: "./node_modules/@stryker-mutator/core/schema/stryker-schema.json",
    packageManager: "npm",
    testRunner: "mocha",
    plugins: ["@stryker-mutator/mocha-runner"],
    mutate: modules.flatMap((m) => m.mutate),
    // .mocharc.json: ts-node/register/transpile-only and the ts extension; the test files
    // are the module's (an explicit --mutate with neither variable: every test file).
    mochaOptions: {
        config: ".mocharc.json",
        ...(selected || process.env.MUTATION_SPEC || !process.argv.some((a) => a === "--mutate" || a === "-m" || a.startsWith("--mutate=")) ? { spec } : {}),
    },
    coverageAnalysis: "perTest",
    inPlace: true,
    concurrency: 2,
    timeoutMS: 10000,
    dryRunTimeoutMinutes: 30,
    // ts-node runs transpile-only, so nothing needs its type checks disabled; with a
    // pattern, Stryker would add `// @ts-nocheck` to every matching file of the working
    // tree while it runs (in place).
    disableTypeChecks: false,
    tempDirName: ".stryker-tmp",
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: `reports/mutation/${report}.html` },
    jsonReporter: { fileName: `reports/mutation/${report}.json` },
    clearTextReporter: { allowColor: false, reportMutants: false, reportScoreTable: true },
    thresholds: { high: 90, low: 85, break: null },
};
