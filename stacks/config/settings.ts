/** The validated, typed settings of one stack: what composition is a function of. */
import type { PipelineSettings } from "./pipeline";
import type { LaunchTemplateFreeze, MatchdayCapacity } from "./matchday";
import type { HybridSettings } from "./hybrid";
import type { ObservabilitySettings } from "./observability";
import type { BackupSettings } from "./backup";
import type { CapacityPrices } from "../capacity/prices";
import type { LoadBalancerTraffic } from "../capacity/loadBalancerCapacity";
import type { ReservationOptions, ReservationPlan } from "../capacity/reservationPlan";

export interface PlatformSettings {
    project: string;
    stack: string;
    /** aws:region */
    region: string;
    /** Tags put on every taggable resource. */
    tags: Record<string, string>;
    network: {
        cidrBlock: string;
        availabilityZoneCount: number;
        natGateways: "OnePerAz" | "Single";
    };
    web: {
        instanceType: string;
        amiId?: string;
        /** Contents of the user data file. */
        userData: string;
        userDataFile: string;
        appPort: number;
        healthCheckPath: string;
        certificateArn?: string;
        /** Declared sizes: the minimum already lifted to the floor a match window needs at deploy time. */
        capacity: { min: number; desired: number; max: number };
        /**
         * Whether this deploy reads the group's live desired capacity and declares
         * max(configured, live), so a raised desiredCapacity lifts a running fleet. Off
         * while the launch template is frozen for a match: no deploy touches desired then.
         */
        raiseRunningDesired: boolean;
        /** Set when this deploy keeps the group's launch template (a match window is near or on). */
        launchTemplateFreeze: LaunchTemplateFreeze | undefined;
        targetRequestsPerInstance: number;
        instanceWarmupSeconds: number;
        rootVolumeGiB: number;
        /** 0 = no warm pool (already sized from the schedule when the config asks for that). */
        warmPoolSize: number;
        deletionProtection: boolean;
        detailedMonitoring: boolean;
    };
    access: {
        /** Prefix of every IAM name: `<project>-<stack>`. */
        namePrefix: string;
        administrators: string[];
        operators: string[];
        readOnly: string[];
        mfaMaxAgeSeconds: number;
        operatorSessionSeconds: number;
        managePasswordPolicy: boolean;
        passwordPolicy: { minimumLength: number; reusePrevention: number; maxAgeDays: number };
        deploy: { repository: string; branch?: string; environment?: string; existingOidcProviderArn?: string };
    };
    /** The fixture plan, its schedule and the floor needed at deploy time. */
    matchday: MatchdayCapacity & {
        /** Concurrent viewers of today's on-premise servers (0 = unknown), for the capacity report. */
        onPremiseViewerCapacity: number;
        /** When the plan was made (the deploy's clock). */
        plannedAt: Date;
        /** Load-tested requests one viewer sends per minute: links targetRequestsPerInstance to viewersPerInstance. */
        requestsPerViewerPerMinute: number;
        /** Prices of the capacity report. */
        prices: CapacityPrices;
        /** What one viewer sends through the load balancer (the LCU and bytes model). */
        traffic: LoadBalancerTraffic;
        /** The load balancer and instance capacity reserved for the upcoming match windows, and the schedules this deploy declares. */
        reservations: ReservationPlan;
        /** What the stack reserves (`reserveLoadBalancerCapacity`, `reserveInstanceCapacity`) and how far ahead: the component is declared when either is on. */
        reservationOptions: ReservationOptions;
    };
    /** The link to the on-premise servers, when `kgsports:hybridLink` is on. */
    hybrid: HybridSettings | undefined;
    /** Alerts, alarm thresholds and retention of the monitoring. */
    observability: ObservabilitySettings;
    /** Backup rules, vault lock, copy region and golden image, checked against the match windows. */
    backup: BackupSettings;
    /** The state backend and secrets key the deploy and preview roles may use. */
    pipeline: PipelineSettings;
}
