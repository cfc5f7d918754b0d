/** Inputs shared by tests that build a stack config or a web tier by hand. */
import type { ScalingWebTierArgs } from "@kgsports/scaling-web-tier";

/** The smallest valid stack config (full keys to strings, as the CLI gives them). */
export function validStackConfig(): Record<string, string> {
    return {
        "aws:region": "ap-northeast-2",
        "kgsports:minSize": "2",
        "kgsports:desiredCapacity": "3",
        "kgsports:maxSize": "10",
        "kgsports:userDataFile": "stacks/userdata/web.sh",
        "kgsports:administrators": '["ana.admin"]',
        "kgsports:deployRepository": "kgsports/matchday-platform",
        // Required with a deploy repository: the deploy and preview roles' state bucket and secrets key.
        "kgsports:stateBackendUrl": "s3://kgsports-pulumi-state-111122223333",
        "kgsports:secretsKmsKeyArn": "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "kgsports:alertCriticalEmails": '["oncall@kgsports.example"]',
        "kgsports:alertWarningEmails": '["team@kgsports.example"]',
    };
}

/**
 * What a stack with fixtures needs besides them (stacks/config/capacityCost.ts): the load
 * test's requests per viewer (1 a minute: with the default 1 000 requests per instance
 * and 2 000 viewers per instance a target of 0.5) and prices (test figures, not AWS's).
 */
export function capacityCostConfig(): Record<string, string> {
    return {
        "kgsports:requestsPerViewerPerMinute": "1",
        "kgsports:instanceHourlyPriceUsd": "0.1",
        "kgsports:volumeGiBMonthPriceUsd": "0.1",
    };
}

/** A web tier of three zones and 2..12 instances, with `overrides`. */
export function webTierArgs(overrides: Partial<ScalingWebTierArgs> = {}): ScalingWebTierArgs {
    return {
        network: { cidrBlock: "10.20.0.0/16", availabilityZoneCount: 3 },
        instanceType: "c7i.large",
        capacity: { min: 2, desired: 3, max: 12 },
        targetRequestsPerInstance: 900,
        userData: "#!/bin/bash\necho hi\n",
        ...overrides,
    };
}

/**
 * {@link validStackConfig} with fixtures: 2 000 viewers per instance, 3 zones, group up
 * to 300, the test prices and 1 request per viewer a minute, then `over` (a key set to
 * undefined is removed).
 */
export function fixturesStackConfig(fixtures: unknown[], over: Record<string, string | undefined> = {}): Record<string, string> {
    const values: Record<string, string | undefined> = {
        ...validStackConfig(),
        "kgsports:maxSize": "300",
        "kgsports:viewersPerInstance": "2000",
        "kgsports:availabilityZoneCount": "3",
        "kgsports:fixtures": JSON.stringify(fixtures),
        ...capacityCostConfig(),
        ...over,
    };
    for (const k of Object.keys(values)) if (values[k] === undefined) delete values[k];
    return values as Record<string, string>;
}
