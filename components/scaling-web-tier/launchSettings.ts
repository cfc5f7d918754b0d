/**
 * Launch template settings that security depends on, decided as data: IMDSv2,
 * encrypted root volume, and the AMI lookup by CPU architecture.
 */

export type Architecture = "x86_64" | "arm64";

/**
 * Graviton families carry a "g" after the generation digit (t4g, m7g, c7gn, x2gd,
 * im4gn, is4gen, hpc7g, g5g), plus the first one, a1; g4dn or g5 (GPU, x86) do not.
 */
export function instanceArchitecture(instanceType: string): Architecture {
    const family = instanceType.split(".")[0];
    return family === "a1" || /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? "arm64" : "x86_64";
}

/** EC2 instance types look like `family.size`: t3.micro, c7g.2xlarge, m7i-flex.large, u-6tb1.metal. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|\d{1,2}xlarge|metal(-\d{2}xl)?)$/;

/** The public SSM parameter AWS keeps pointing at the latest Amazon Linux 2023 AMI. */
export function defaultAmiParameter(arch: Architecture): string {
    return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`;
}

/**
 * IMDSv2 only. A hop limit of 1 keeps the credentials of the instance role out of
 * reach of containers on the host; raise it to 2 only for containerised apps.
 */
export function decideMetadataOptions(hopLimit = 1) {
    if (!Number.isInteger(hopLimit) || hopLimit < 1 || hopLimit > 64) {
        throw new Error(`metadata hop limit ${hopLimit}: must be a whole number from 1 to 64`);
    }
    return {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: hopLimit,
        instanceMetadataTags: "enabled",
    };
}

/** Amazon Linux 2023's root device. */
export const ROOT_DEVICE_NAME = "/dev/xvda";

/** Encrypted gp3 root volume (the provider's EBS flags are strings). */
export function decideRootVolume(sizeGiB: number) {
    if (!Number.isInteger(sizeGiB) || sizeGiB < 8 || sizeGiB > 16384) {
        throw new Error(`root volume ${sizeGiB} GiB: must be a whole number from 8 to 16384`);
    }
    return {
        deviceName: ROOT_DEVICE_NAME,
        ebs: {
            volumeSize: sizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            deleteOnTermination: "true",
        },
    };
}
