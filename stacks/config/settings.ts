/** The validated, typed settings of one stack: what composition is a function of. */

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
        capacity: { min: number; desired: number; max: number };
        targetRequestsPerInstance: number;
        instanceWarmupSeconds: number;
        rootVolumeGiB: number;
        /** 0 = no warm pool. */
        warmPoolSize: number;
        deletionProtection: boolean;
        detailedMonitoring: boolean;
    };
}
